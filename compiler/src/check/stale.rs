//! (being written)

use super::SetCtx;
use crate::diagnostic::Diagnostic;

pub(crate) fn check(_set: &SetCtx, _out: &mut Vec<Diagnostic>) {}
