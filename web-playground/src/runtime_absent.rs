//! The runtime's questions in a build without the `eval` feature: each answers that it is not
//! available (`kind: "unavailable"`), so the page can say so instead of failing.

use crate::fail_with;

pub const AVAILABLE: bool = false;

fn unavailable() -> String {
    fail_with::<()>(Some("unavailable"), "此版本未包含求值功能", None)
}

pub fn eval(_request: &str) -> String {
    unavailable()
}

pub fn due(_request: &str) -> String {
    unavailable()
}

pub fn score(_request: &str) -> String {
    unavailable()
}

pub fn progress(_request: &str) -> String {
    unavailable()
}

pub fn examples(_request: &str) -> String {
    unavailable()
}
