//! Renderers for diagnostics (filled in by the renderer work).
