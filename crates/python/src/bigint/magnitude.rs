//! Unsigned arithmetic on magnitudes: little-endian slices of 32-bit limbs, the
//! least significant limb first. The signed operations of [`super::BigInt`] are built
//! on these, as CPython's `long_add` is built on `x_add` and `x_sub`.
//!
//! Inputs may carry high zero limbs (a slice cut out of a longer number does);
//! results are always normalised: no high zero limbs, and zero is the empty vector.

use std::cmp::Ordering;

/// Bits in one limb.
pub(super) const LIMB_BITS: u32 = 32;

/// Drops high zero limbs, so that every value has exactly one representation.
pub(super) fn normalize(limbs: &mut Vec<u32>) {
    while limbs.last() == Some(&0) {
        limbs.pop();
    }
}

/// The slice without its high zero limbs.
fn trimmed(limbs: &[u32]) -> &[u32] {
    let len = limbs
        .iter()
        .rposition(|&limb| limb != 0)
        .map_or(0, |top| top + 1);
    &limbs[..len]
}

/// Compares two magnitudes.
pub(super) fn cmp(a: &[u32], b: &[u32]) -> Ordering {
    let (a, b) = (trimmed(a), trimmed(b));
    a.len()
        .cmp(&b.len())
        .then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

/// Number of bits needed to write the magnitude (0 for zero).
pub(super) fn bit_length(limbs: &[u32]) -> u64 {
    let limbs = trimmed(limbs);
    match limbs.last() {
        None => 0,
        Some(top) => {
            (limbs.len() as u64 - 1) * u64::from(LIMB_BITS)
                + u64::from(LIMB_BITS - top.leading_zeros())
        }
    }
}

/// The magnitude as a `u64`, or `None` if it needs more than 64 bits.
pub(super) fn to_u64(limbs: &[u32]) -> Option<u64> {
    match *trimmed(limbs) {
        [] => Some(0),
        [low] => Some(u64::from(low)),
        [low, high] => Some((u64::from(high) << LIMB_BITS) | u64::from(low)),
        _ => None,
    }
}

/// `a + b` (CPython's `x_add`).
pub(super) fn x_add(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut sum = long.to_vec();
    sum.push(0);
    add_into(&mut sum, short);
    normalize(&mut sum);
    sum
}

/// `a - b` for `a >= b` (CPython's `x_sub`, which also handles the other order by
/// swapping; here the caller compares first).
pub(super) fn x_sub(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut difference = a.to_vec();
    sub_from(&mut difference, b);
    normalize(&mut difference);
    difference
}

/// Adds `addend` into `acc` in place, the carry running up `acc`; `acc` must be long
/// enough to hold the sum.
fn add_into(acc: &mut [u32], addend: &[u32]) {
    let mut carry = 0u64;
    for (i, slot) in acc.iter_mut().enumerate() {
        let digit = addend.get(i).copied().unwrap_or(0);
        if i >= addend.len() && carry == 0 {
            break;
        }
        let sum = u64::from(*slot) + u64::from(digit) + carry;
        *slot = sum as u32;
        carry = sum >> LIMB_BITS;
    }
    debug_assert_eq!(carry, 0, "add_into: the sum does not fit");
}

/// Subtracts `subtrahend` from `acc` in place; `acc` must be the larger.
fn sub_from(acc: &mut [u32], subtrahend: &[u32]) {
    let mut borrow = false;
    for (i, slot) in acc.iter_mut().enumerate() {
        let digit = subtrahend.get(i).copied().unwrap_or(0);
        if i >= subtrahend.len() && !borrow {
            break;
        }
        let (partial, borrow1) = slot.overflowing_sub(digit);
        let (difference, borrow2) = partial.overflowing_sub(u32::from(borrow));
        *slot = difference;
        borrow = borrow1 || borrow2;
    }
    debug_assert!(!borrow, "sub_from: the subtrahend is the larger");
}

/// `a * b` by the schoolbook method (CPython's `x_mul`): every limb of `a` times every
/// limb of `b`, added in at its place. Quadratic, which is quick enough at the sizes
/// the int/str conversion limit leaves printable (about 450 limbs).
pub(super) fn x_mul(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (a, b) = (trimmed(a), trimmed(b));
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut product = vec![0u32; a.len() + b.len()];
    for (i, &ai) in a.iter().enumerate() {
        if ai == 0 {
            continue;
        }
        let mut carry = 0u64;
        for (j, &bj) in b.iter().enumerate() {
            let t = u64::from(ai) * u64::from(bj) + u64::from(product[i + j]) + carry;
            product[i + j] = t as u32;
            carry = t >> LIMB_BITS;
        }
        product[i + b.len()] = carry as u32;
    }
    normalize(&mut product);
    product
}

/// `limbs = limbs * factor + addend` in place, growing by a limb when needed: one step
/// of reading digits (multiply by the base, add the digit).
pub(super) fn mul_add_small(limbs: &mut Vec<u32>, factor: u32, addend: u32) {
    let mut carry = u64::from(addend);
    for limb in limbs.iter_mut() {
        let t = u64::from(*limb) * u64::from(factor) + carry;
        *limb = t as u32;
        carry = t >> LIMB_BITS;
    }
    if carry != 0 {
        limbs.push(carry as u32);
    }
}

/// The largest power of `radix` that fits a limb, and its exponent: how many digits
/// one limb-sized step of reading or writing handles (10**9 and 9 in decimal).
pub(super) fn largest_power_in_limb(radix: u32) -> (u32, u32) {
    let (mut power, mut exponent) = (radix, 1);
    while let Some(next) = power.checked_mul(radix) {
        (power, exponent) = (next, exponent + 1);
    }
    (power, exponent)
}

/// Divides in place by a one-limb divisor and returns the remainder (CPython's
/// `inplace_divrem1`); the quotient may be left with high zero limbs.
pub(super) fn inplace_divrem1(limbs: &mut [u32], divisor: u32) -> u32 {
    let divisor = u64::from(divisor);
    let mut remainder = 0u64;
    for limb in limbs.iter_mut().rev() {
        let t = (remainder << LIMB_BITS) | u64::from(*limb);
        *limb = (t / divisor) as u32;
        remainder = t % divisor;
    }
    remainder as u32
}

/// Quotient and remainder of `a / b`, `b` not zero, both truncated (CPython's
/// `x_divrem`, after Knuth's Algorithm D, *The Art of Computer Programming* 4.3.1).
pub(super) fn divrem(a: &[u32], b: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let (a, b) = (trimmed(a), trimmed(b));
    assert!(!b.is_empty(), "divrem: division by zero");
    if cmp(a, b) == Ordering::Less {
        return (Vec::new(), a.to_vec());
    }
    if b.len() == 1 {
        let mut quotient = a.to_vec();
        let remainder = inplace_divrem1(&mut quotient, b[0]);
        normalize(&mut quotient);
        let mut remainder = vec![remainder];
        normalize(&mut remainder);
        return (quotient, remainder);
    }
    x_divrem(a, b)
}

/// Long division by a divisor of two limbs or more. Both are first shifted left so the
/// divisor's top bit is set; then each quotient limb estimated from the top two limbs
/// of the running remainder is off by at most two, and the loop corrects it.
fn x_divrem(a: &[u32], b: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let shift = b[b.len() - 1].leading_zeros();
    let v = shl(b, u64::from(shift));
    let mut u = shl(a, u64::from(shift));
    u.resize(a.len() + 1, 0);
    let n = v.len();
    let (v_top, v_next) = (u64::from(v[n - 1]), u64::from(v[n - 2]));
    let limb_base = 1u64 << LIMB_BITS;
    let mut quotient = vec![0u32; u.len() - n];
    for j in (0..quotient.len()).rev() {
        let top = (u64::from(u[j + n]) << LIMB_BITS) | u64::from(u[j + n - 1]);
        let mut q_hat = top / v_top;
        let mut r_hat = top % v_top;
        while q_hat >= limb_base
            || q_hat * v_next > ((r_hat << LIMB_BITS) | u64::from(u[j + n - 2]))
        {
            q_hat -= 1;
            r_hat += v_top;
            if r_hat >= limb_base {
                break;
            }
        }
        // u[j..=j+n] -= q_hat * v
        let mut borrow = 0i64;
        let mut carry = 0u64;
        for i in 0..n {
            let product = q_hat * u64::from(v[i]) + carry;
            carry = product >> LIMB_BITS;
            let t = i64::from(u[i + j]) - borrow - (product & 0xffff_ffff) as i64;
            u[i + j] = t as u32;
            borrow = i64::from(t < 0);
        }
        let t = i64::from(u[j + n]) - borrow - carry as i64;
        u[j + n] = t as u32;
        if t < 0 {
            // q_hat was one too large: add the divisor back.
            q_hat -= 1;
            let mut carry = 0u64;
            for i in 0..n {
                let sum = u64::from(u[i + j]) + u64::from(v[i]) + carry;
                u[i + j] = sum as u32;
                carry = sum >> LIMB_BITS;
            }
            u[j + n] = u[j + n].wrapping_add(carry as u32);
        }
        quotient[j] = q_hat as u32;
    }
    normalize(&mut quotient);
    let remainder = shr(&u[..n], u64::from(shift));
    (quotient, remainder)
}

/// `limbs << bits`.
pub(super) fn shl(limbs: &[u32], bits: u64) -> Vec<u32> {
    let limbs = trimmed(limbs);
    if limbs.is_empty() {
        return Vec::new();
    }
    let whole = (bits / u64::from(LIMB_BITS)) as usize;
    let part = (bits % u64::from(LIMB_BITS)) as u32;
    let mut shifted = vec![0u32; whole];
    shifted.reserve(limbs.len() + 1);
    if part == 0 {
        shifted.extend_from_slice(limbs);
    } else {
        let mut carry = 0u32;
        for &limb in limbs {
            shifted.push((limb << part) | carry);
            carry = limb >> (LIMB_BITS - part);
        }
        shifted.push(carry);
    }
    normalize(&mut shifted);
    shifted
}

/// `limbs >> bits`, the bits shifted out dropped.
pub(super) fn shr(limbs: &[u32], bits: u64) -> Vec<u32> {
    let whole = bits / u64::from(LIMB_BITS);
    if whole >= limbs.len() as u64 {
        return Vec::new();
    }
    let kept = &limbs[whole as usize..];
    let part = (bits % u64::from(LIMB_BITS)) as u32;
    let mut shifted: Vec<u32> = if part == 0 {
        kept.to_vec()
    } else {
        let high = |i: usize| {
            kept.get(i + 1)
                .map_or(0, |&next| next << (LIMB_BITS - part))
        };
        kept.iter()
            .enumerate()
            .map(|(i, &limb)| (limb >> part) | high(i))
            .collect()
    };
    normalize(&mut shifted);
    shifted
}

/// Whether any of the lowest `bits` bits is set: what `shr` drops.
pub(super) fn low_bits_nonzero(limbs: &[u32], bits: u64) -> bool {
    let whole = (bits / u64::from(LIMB_BITS)).min(limbs.len() as u64) as usize;
    let part = (bits % u64::from(LIMB_BITS)) as u32;
    limbs[..whole].iter().any(|&limb| limb != 0)
        || (part != 0
            && limbs
                .get(whole)
                .is_some_and(|&limb| limb & ((1 << part) - 1) != 0))
}
