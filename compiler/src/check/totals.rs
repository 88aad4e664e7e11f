//! (being written)

use super::DocCtx;
use crate::diagnostic::Diagnostic;

pub(crate) fn check(_cx: &DocCtx, _out: &mut Vec<Diagnostic>) {}
