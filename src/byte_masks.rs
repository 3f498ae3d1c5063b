//! Bit masks of 64 bytes at a time, one bit a byte (bit 0 for the first byte): how the
//! scans that look at every byte of every article (the plain-text check, the
//! sanitiser's first look, the word count) test a whole block with a few vector
//! instructions. SSE2, which every x86-64 processor has, does the work there; other
//! processors go a byte at a time.

/// Bytes in a block.
pub const BLOCK: usize = 64;

/// A block of 64 bytes, asked which of its bytes are what.
#[derive(Clone, Copy)]
pub struct ByteBlock<'a>(&'a [u8; BLOCK]);

impl<'a> ByteBlock<'a> {
    pub fn new(bytes: &'a [u8; BLOCK]) -> ByteBlock<'a> {
        ByteBlock(bytes)
    }

    /// The bytes equal to `byte`.
    pub fn eq(self, byte: u8) -> u64 {
        self.in_range(byte, byte)
    }

    /// The bytes from `low` to `high`, both included.
    #[inline]
    pub fn in_range(self, low: u8, high: u8) -> u64 {
        if (low, high) == (0, 0xff) {
            return u64::MAX;
        }
        imp::in_range(self.0, low, high)
    }

    /// The bytes beyond ASCII (0x80 and up).
    #[inline]
    pub fn beyond_ascii(self) -> u64 {
        self.in_range(0x80, 0xff)
    }
}

/// `bytes` as a block when it is 64 bytes or more long, else padded with `pad` to one
/// (the caller picks a byte that makes no difference to its question).
pub fn block_at<R>(bytes: &[u8], pad: u8, run: impl FnOnce(ByteBlock<'_>) -> R) -> R {
    match bytes.first_chunk::<BLOCK>() {
        Some(block) => run(ByteBlock(block)),
        None => {
            let mut padded = [pad; BLOCK];
            padded[..bytes.len()].copy_from_slice(bytes);
            run(ByteBlock(&padded))
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use super::BLOCK;
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
    };

    /// Compares are signed, so the range is first moved to start at -128: then "in the
    /// range" is "less than -128 + its length", for every byte.
    #[inline]
    pub fn in_range(block: &[u8; BLOCK], low: u8, high: u8) -> u64 {
        let shift = 0x80u8.wrapping_sub(low) as i8;
        let limit = (high.wrapping_sub(low) as i8).wrapping_add(-127);
        let mut mask = 0u64;
        for (n, chunk) in block.chunks_exact(16).enumerate() {
            // SAFETY: every x86-64 processor has SSE2, and the load reads the 16 bytes
            // of `chunk` (it needs no alignment).
            let bits = unsafe {
                let v = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
                let moved = _mm_add_epi8(v, _mm_set1_epi8(shift));
                _mm_movemask_epi8(_mm_cmplt_epi8(moved, _mm_set1_epi8(limit)))
            };
            mask |= u64::from(bits as u16) << (16 * n);
        }
        mask
    }
}

#[cfg(not(target_arch = "x86_64"))]
mod imp {
    use super::BLOCK;

    #[inline]
    pub fn in_range(block: &[u8; BLOCK], low: u8, high: u8) -> u64 {
        let mut mask = 0u64;
        for (n, &b) in block.iter().enumerate() {
            mask |= u64::from((low..=high).contains(&b)) << n;
        }
        mask
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_hold_the_bytes_they_name_and_no_others() {
        let all: Vec<u8> = (0..=255).collect();
        let ranges = [
            (0, 0),
            (0, 0x1f),
            (b'a', b'z'),
            (b'0', b'9'),
            (0x7f, 0x7f),
            (0x80, 0xff),
            (0xc2, 0xc2),
            (0x20, 0xfe),
            (0, 0xff),
        ];
        for block in all.chunks_exact(BLOCK) {
            let block = ByteBlock::new(block.try_into().expect("a block"));
            for (low, high) in ranges {
                let mask = block.in_range(low, high);
                for (n, &b) in block.0.iter().enumerate() {
                    let inside = (low..=high).contains(&b);
                    assert_eq!(mask >> n & 1 == 1, inside, "{b:#x} in {low:#x}..={high:#x}");
                }
            }
        }
    }
}
