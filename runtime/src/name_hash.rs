//! A fast hash for short names, for hash maps whose keys nobody chooses to collide.

use std::hash::{BuildHasherDefault, Hasher};

/// Builds [`NameHasher`]s: `HashMap<K, V, NameHash>`.
pub type NameHash = BuildHasherDefault<NameHasher>;

/// A multiply per 8 bytes (the idea of rustc's FxHash). Not for keys an adversary picks: without
/// a random seed, colliding names can be made on purpose (std's SipHash is for those).
#[derive(Default)]
pub struct NameHasher(u64);

const K: u64 = 0x517c_c1b7_2722_0a95;

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(K);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
