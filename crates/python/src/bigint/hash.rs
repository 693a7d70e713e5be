//! `hash()` of numbers as CPython computes it (`Python/pyhash.c`, `long_hash`): the
//! value reduced modulo the prime `2**61 - 1`, keeping the sign, with `-1` (which
//! CPython reserves for errors) replaced by `-2`. Because the reduction is of the
//! value itself, `hash(1) == hash(1.0) == hash(True)` and `hash(0.5)` is `2**60`
//! (the inverse of 2 modulo the prime), so equal keys meet in a dict whatever their
//! type.

use super::BigInt;

/// CPython's `_PyHASH_MODULUS`, the Mersenne prime `2**61 - 1`.
const MODULUS: u64 = (1 << 61) - 1;

/// Bits of the modulus: multiplying by `2**61` changes nothing modulo `2**61 - 1`.
const MODULUS_BITS: u32 = 61;

/// CPython's `_PyHASH_INF`: the hash of `float('inf')`, negated for minus infinity.
const HASH_INF: i64 = 314_159;

/// `value * 2**exponent` modulo `2**61 - 1`, for `value` below the modulus and
/// `exponent < 61`: since `2**61` is 1 modulo the prime, this is a rotation of the
/// value's 61 bits.
fn mul_power_of_two(value: u64, exponent: u32) -> u64 {
    ((value << exponent) & MODULUS) | (value >> (MODULUS_BITS - exponent))
}

/// Gives the reduced magnitude the value's sign, and avoids `-1`.
fn signed_hash(reduced: u64, negative: bool) -> i64 {
    let hash = if negative {
        -(reduced as i64)
    } else {
        reduced as i64
    };
    if hash == -1 { -2 } else { hash }
}

/// `hash(n)` for a small int.
pub fn hash_i64(n: i64) -> i64 {
    signed_hash(n.unsigned_abs() % MODULUS, n < 0)
}

/// `hash(x)` for a float (CPython's `_Py_HashDouble`), or `None` for a NaN, whose hash
/// is the object's identity in CPython 3.11. The float is `significand * 2**exponent`
/// with both exact, so its hash is the significand rotated by the exponent modulo 61.
pub fn hash_f64(x: f64) -> Option<i64> {
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 { HASH_INF } else { -HASH_INF });
    }
    let (significand, exponent) = super::float::decompose(x);
    let rotation = exponent.rem_euclid(i64::from(MODULUS_BITS)) as u32;
    Some(signed_hash(
        mul_power_of_two(significand, rotation),
        x < 0.0,
    ))
}

impl BigInt {
    /// `hash(self)`, equal to [`hash_i64`] where the value fits an `i64`. The limbs are
    /// folded in from the top: shift the running hash up a limb, add the next one,
    /// reduce.
    pub fn hash(&self) -> i64 {
        let reduced = self.magnitude.iter().rev().fold(0, |hash, &limb| {
            let hash = mul_power_of_two(hash, super::magnitude::LIMB_BITS) + u64::from(limb);
            if hash >= MODULUS {
                hash - MODULUS
            } else {
                hash
            }
        });
        signed_hash(reduced, self.negative)
    }
}
