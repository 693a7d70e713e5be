//! `&`, `|`, `^`, `~`, `<<` and `>>` on an infinite two's complement, as Python
//! defines them for ints of any size: a negative number behaves as if it had
//! infinitely many 1 bits on the left, so `-1 & 0xff == 255` and `-5 >> 1 == -3`.
//!
//! A negative shift count is refused by the caller (`ValueError: negative shift
//! count`), as is a left shift too large for memory.

use std::ops::{BitAnd, BitOr, BitXor, Not, Shl, Shr};

use super::BigInt;
use super::magnitude;

impl BigInt {
    /// The value in two's complement, `len` limbs wide; `len` must leave the top bit
    /// free for the sign.
    fn to_twos_complement(&self, len: usize) -> Vec<u32> {
        let mut limbs = self.magnitude.clone();
        limbs.resize(len, 0);
        if self.negative {
            negate_twos_complement(&mut limbs);
        }
        limbs
    }

    /// Reads a two's complement number whose top bit is its sign.
    fn from_twos_complement(mut limbs: Vec<u32>) -> BigInt {
        let negative = limbs
            .last()
            .is_some_and(|&top| top >> (magnitude::LIMB_BITS - 1) == 1);
        if negative {
            negate_twos_complement(&mut limbs);
        }
        BigInt::from_parts(negative, limbs)
    }

    /// Applies `op` limb by limb to both values in two's complement, one limb wider
    /// than the wider magnitude so the sign bits combine too.
    fn bitwise(&self, other: &BigInt, op: fn(u32, u32) -> u32) -> BigInt {
        let len = self.magnitude.len().max(other.magnitude.len()) + 1;
        let (a, b) = (self.to_twos_complement(len), other.to_twos_complement(len));
        BigInt::from_twos_complement(a.iter().zip(&b).map(|(&x, &y)| op(x, y)).collect())
    }
}

/// `-x` in two's complement, in place: invert every bit, then add one.
fn negate_twos_complement(limbs: &mut [u32]) {
    let mut carry = true;
    for limb in limbs {
        let (sum, overflow) = (!*limb).overflowing_add(u32::from(carry));
        *limb = sum;
        carry = overflow;
    }
}

impl BitAnd for &BigInt {
    type Output = BigInt;

    /// `self & other`.
    fn bitand(self, other: &BigInt) -> BigInt {
        self.bitwise(other, |x, y| x & y)
    }
}

impl BitOr for &BigInt {
    type Output = BigInt;

    /// `self | other`.
    fn bitor(self, other: &BigInt) -> BigInt {
        self.bitwise(other, |x, y| x | y)
    }
}

impl BitXor for &BigInt {
    type Output = BigInt;

    /// `self ^ other`.
    fn bitxor(self, other: &BigInt) -> BigInt {
        self.bitwise(other, |x, y| x ^ y)
    }
}

impl Not for &BigInt {
    type Output = BigInt;

    /// `~self`, which is `-self - 1`.
    fn not(self) -> BigInt {
        &-self - &BigInt::from(1i64)
    }
}

impl Shl<u64> for &BigInt {
    type Output = BigInt;

    /// `self << bits`: `self * 2**bits`.
    fn shl(self, bits: u64) -> BigInt {
        BigInt::from_parts(self.negative, magnitude::shl(&self.magnitude, bits))
    }
}

impl Shr<u64> for &BigInt {
    type Output = BigInt;

    /// `self >> bits`: `self // 2**bits`, floored, so a negative value stays at `-1`
    /// at least. For a negative value the magnitude's quotient is rounded up when any
    /// shifted-out bit was set.
    fn shr(self, bits: u64) -> BigInt {
        let quotient = BigInt::from_parts(self.negative, magnitude::shr(&self.magnitude, bits));
        if self.negative && magnitude::low_bits_nonzero(&self.magnitude, bits) {
            &quotient - &BigInt::from(1i64)
        } else {
            quotient
        }
    }
}
