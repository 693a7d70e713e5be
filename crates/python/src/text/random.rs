//! The `random` module as CPython 3.11 computes it: the Mersenne Twister of
//! `Modules/_randommodule.c` (MT19937, seeded by `init_by_array` from the 32-bit words
//! of the seed) and, on top of it, the algorithms of `Lib/random.py`, so that a
//! program seeded with `random.seed(42)` draws the same numbers, the same choices and
//! the same shuffles as python3.
//!
//! Sequences are passed by length: `choice`, `sample` and `choices` return indices,
//! `shuffle` works on a slice. Ints beyond 64 bits travel as little-endian 32-bit
//! words, the way CPython's `getrandbits` builds them.

use super::{IntDigits, PyError};

/// The state size of MT19937, in 32-bit words.
const N: usize = 624;
/// The middle word of the recurrence.
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// A `random.Random`: the generator's state, and the second value of the last
/// `gauss` pair.
#[derive(Clone)]
pub struct Random {
    mt: [u32; N],
    index: usize,
    gauss_next: Option<f64>,
}

impl std::fmt::Debug for Random {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Random")
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

impl Random {
    /// A generator as `random.Random(seed)` makes it for a seed that is not negative:
    /// what a world seed gives.
    pub fn from_seed_u64(seed: u64) -> Random {
        let mut random = Random {
            mt: [0; N],
            index: N + 1,
            gauss_next: None,
        };
        random.seed_words(&[seed as u32, (seed >> 32) as u32]);
        random
    }

    /// `random.seed(n)` for an int: its absolute value, as CPython uses it.
    pub fn seed_int(&mut self, n: &dyn IntDigits) {
        let hex = n.magnitude_digits(16);
        let words: Vec<u32> = hex
            .as_bytes()
            .rchunks(8)
            .map(|chunk| {
                let chunk = std::str::from_utf8(chunk).unwrap_or("0");
                u32::from_str_radix(chunk, 16).unwrap_or(0)
            })
            .collect();
        self.seed_words(&words);
    }

    /// `random.seed(x)` for a float, which CPython seeds with `hash(x)` (so
    /// `seed(5.0)` is `seed(5)`). A NaN hashes by its address in CPython; here it
    /// seeds as 0.
    pub fn seed_float(&mut self, x: f64) {
        let hash = hash_float(x) as u64;
        self.seed_words(&[hash as u32, (hash >> 32) as u32]);
    }

    /// `random.seed(text)` for a str (version 2): the int made of its UTF-8 bytes
    /// followed by their SHA-512 digest.
    pub fn seed_str(&mut self, text: &str) {
        self.seed_bytes(text.as_bytes());
    }

    /// `random.seed(data)` for bytes or a bytearray (version 2): the int made of the
    /// bytes followed by their SHA-512 digest, read big-endian.
    pub fn seed_bytes(&mut self, data: &[u8]) {
        let mut bytes = data.to_vec();
        bytes.extend_from_slice(&sha512(data));
        // Big-endian bytes to little-endian words.
        let words: Vec<u32> = bytes
            .rchunks(4)
            .map(|chunk| {
                chunk
                    .iter()
                    .fold(0u32, |word, &b| (word << 8) | u32::from(b))
            })
            .collect();
        self.seed_words(&words);
    }

    /// `random.seed(n)` for the int whose magnitude has these little-endian 32-bit
    /// words: CPython's `random_seed` and `init_by_array`. Leading zero words do not
    /// count, and zero is one zero word.
    pub fn seed_words(&mut self, words: &[u32]) {
        let used = words.iter().rposition(|&w| w != 0).map_or(1, |i| i + 1);
        let key: &[u32] = if words.is_empty() {
            &[0]
        } else {
            &words[..used]
        };
        self.init_genrand(19_650_218);
        let mt = &mut self.mt;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let previous = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ previous.wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let previous = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ previous.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        self.gauss_next = None;
    }

    /// MT19937's `init_genrand`.
    fn init_genrand(&mut self, seed: u32) {
        self.mt[0] = seed;
        for i in 1..N {
            let previous = self.mt[i - 1];
            self.mt[i] = 1_812_433_253u32
                .wrapping_mul(previous ^ (previous >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// The next 32 random bits: MT19937's `genrand_uint32`.
    pub fn genrand_uint32(&mut self) -> u32 {
        if self.index >= N {
            let mt = &mut self.mt;
            let twist = |upper: u32, lower: u32, far: u32| {
                let y = (upper & UPPER_MASK) | (lower & LOWER_MASK);
                far ^ (y >> 1) ^ if y & 1 == 1 { MATRIX_A } else { 0 }
            };
            for k in 0..N - M {
                mt[k] = twist(mt[k], mt[k + 1], mt[k + M]);
            }
            for k in N - M..N - 1 {
                mt[k] = twist(mt[k], mt[k + 1], mt[k + M - N]);
            }
            mt[N - 1] = twist(mt[N - 1], mt[0], mt[M - 1]);
            self.index = 0;
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random.random()`: a float in [0, 1) with 53 random bits.
    pub fn random(&mut self) -> f64 {
        let a = self.genrand_uint32() >> 5;
        let b = self.genrand_uint32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `random.getrandbits(k)`: an int of `k` random bits, as little-endian 32-bit
    /// words (none for `k == 0`).
    pub fn getrandbits(&mut self, k: i64) -> Result<Vec<u32>, PyError> {
        if k < 0 {
            return Err(PyError::value_error("number of bits must be non-negative"));
        }
        let mut left = k as u64;
        let mut words = Vec::with_capacity(left.div_ceil(32) as usize);
        while left > 0 {
            let word = self.genrand_uint32();
            if left < 32 {
                words.push(word >> (32 - left));
                break;
            }
            words.push(word);
            left -= 32;
        }
        Ok(words)
    }

    /// `random.randbytes(n)`: `getrandbits(n * 8)` as `n` little-endian bytes.
    pub fn randbytes(&mut self, n: usize) -> Vec<u8> {
        let words = self.getrandbits(n as i64 * 8).unwrap_or_default();
        words
            .iter()
            .flat_map(|word| word.to_le_bytes())
            .take(n)
            .collect()
    }

    /// `random.getrandbits(k)` for `k` up to 64.
    pub fn getrandbits_u64(&mut self, k: u32) -> u64 {
        match k {
            0 => 0,
            1..=32 => u64::from(self.genrand_uint32() >> (32 - k)),
            _ => {
                let low = u64::from(self.genrand_uint32());
                let high = u64::from(self.genrand_uint32() >> (64 - k.min(64)));
                (high << 32) | low
            }
        }
    }

    /// `Random._randbelow(n)` for `n > 0`: draws `n.bit_length()` bits until they
    /// are below `n`. (For 0, where Python would loop for ever, it gives 0.)
    pub fn randbelow(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let bits = u64::BITS - n.leading_zeros();
        loop {
            let r = self.getrandbits_u64(bits);
            if r < n {
                return r;
            }
        }
    }

    /// `Random._randbelow(n)` for an `n > 0` of any size, given and returned as
    /// little-endian 32-bit words. (For 0 it gives 0.)
    pub fn randbelow_words(&mut self, n: &[u32]) -> Vec<u32> {
        let used = n.iter().rposition(|&w| w != 0).map_or(0, |i| i + 1);
        if used == 0 {
            return Vec::new();
        }
        let n = &n[..used];
        let bits = n.last().map_or(0, |top| {
            (used as u32 - 1) * 32 + (u32::BITS - top.leading_zeros())
        });
        loop {
            let mut r = self.getrandbits(i64::from(bits)).unwrap_or_default();
            r.resize(used, 0);
            if r.iter().rev().cmp(n.iter().rev()).is_lt() {
                return r;
            }
        }
    }

    /// `random.randrange(start)`, `randrange(start, stop)` and
    /// `randrange(start, stop, step)`, with CPython's errors.
    pub fn randrange(
        &mut self,
        start: i64,
        stop: Option<i64>,
        step: Option<i64>,
    ) -> Result<i64, PyError> {
        let Some(stop) = stop else {
            if step.is_some_and(|step| step != 1) {
                return Err(PyError::type_error("Missing a non-None stop argument"));
            }
            if start > 0 {
                return Ok(self.randbelow(start as u64) as i64);
            }
            return Err(PyError::value_error("empty range for randrange()"));
        };
        self.randrange_wide(
            i128::from(start),
            i128::from(stop),
            i128::from(step.unwrap_or(1)),
        )
    }

    /// `random.randint(a, b)`: `randrange(a, b + 1)`.
    pub fn randint(&mut self, a: i64, b: i64) -> Result<i64, PyError> {
        self.randrange_wide(i128::from(a), i128::from(b) + 1, 1)
    }

    /// The two-and-three-argument `randrange`, on ints wide enough for `stop - start`.
    fn randrange_wide(&mut self, start: i128, stop: i128, step: i128) -> Result<i64, PyError> {
        let width = stop - start;
        let n = match step {
            1 if width > 0 => width,
            1 => {
                return Err(PyError::value_error(format!(
                    "empty range for randrange() ({start}, {stop}, {width})"
                )));
            }
            0 => return Err(PyError::value_error("zero step for randrange()")),
            _ if step > 0 => floor_div(width + step - 1, step),
            _ => floor_div(width + step + 1, step),
        };
        if n <= 0 {
            return Err(PyError::value_error("empty range for randrange()"));
        }
        let offset = self.randbelow_wide(n as u128) as i128;
        Ok((start + step * offset) as i64)
    }

    /// `_randbelow(n)` for the widths of i64 ranges, which reach 2**64.
    fn randbelow_wide(&mut self, n: u128) -> u128 {
        if let Ok(n) = u64::try_from(n) {
            return u128::from(self.randbelow(n));
        }
        let bits = u128::BITS - n.leading_zeros();
        loop {
            let words = self.getrandbits(i64::from(bits)).unwrap_or_default();
            let r = words
                .iter()
                .rev()
                .fold(0u128, |r, &w| (r << 32) | u128::from(w));
            if r < n {
                return r;
            }
        }
    }

    /// `random.choice(seq)` for a sequence of `len` items: the index chosen.
    pub fn choice(&mut self, len: usize) -> Result<usize, PyError> {
        if len == 0 {
            return Err(PyError::index_error("Cannot choose from an empty sequence"));
        }
        Ok(self.randbelow(len as u64) as usize)
    }

    /// `random.shuffle(x)`, in place.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.randbelow(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }

    /// `random.sample(population, k)` for a population of `n` items: the indices
    /// chosen, in order. Like CPython it keeps a pool of the items not chosen when
    /// that is smaller than a set of the chosen ones, and else redraws an index
    /// already chosen.
    pub fn sample(&mut self, n: usize, k: i64) -> Result<Vec<usize>, PyError> {
        if k < 0 || k as u64 > n as u64 {
            return Err(PyError::value_error(
                "Sample larger than population or is negative",
            ));
        }
        let k = k as usize;
        let mut setsize = 21usize;
        if k > 5 {
            // 4 ** ceil(log(k * 3, 4)), with math.log's float arithmetic.
            let exponent = ((k * 3) as f64).ln() / 4f64.ln();
            setsize += 4usize.pow(exponent.ceil() as u32);
        }
        let mut result = Vec::with_capacity(k);
        if n <= setsize {
            let mut pool: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = self.randbelow((n - i) as u64) as usize;
                result.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        } else {
            let mut selected = std::collections::BTreeSet::new();
            for _ in 0..k {
                let mut j = self.randbelow(n as u64) as usize;
                while selected.contains(&j) {
                    j = self.randbelow(n as u64) as usize;
                }
                selected.insert(j);
                result.push(j);
            }
        }
        Ok(result)
    }

    /// `random.sample(population, k, counts=counts)`: each item counts as that many
    /// copies; the indices of the items chosen.
    pub fn sample_counts(&mut self, counts: &[i64], k: i64) -> Result<Vec<usize>, PyError> {
        let cum_counts: Vec<i64> = counts
            .iter()
            .scan(0i64, |total, &count| {
                *total += count;
                Some(*total)
            })
            .collect();
        let Some(&total) = cum_counts.last() else {
            return Err(PyError::index_error("pop from empty list"));
        };
        if total <= 0 {
            return Err(PyError::value_error(
                "Total of counts must be greater than zero",
            ));
        }
        let bounds = &cum_counts[..cum_counts.len() - 1];
        let picks = self.sample(total as usize, k)?;
        Ok(picks
            .into_iter()
            .map(|s| bisect_right(bounds, &(s as i64), bounds.len()))
            .collect())
    }

    /// `random.uniform(a, b)`.
    pub fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// `random.choices(population, k=k)` for a population of `n` items: the indices
    /// chosen, each `floor(random() * n)` (0 for an empty population, whose
    /// indexing then fails as in Python).
    pub fn choices(&mut self, n: usize, k: usize) -> Vec<usize> {
        let n = n as f64;
        (0..k)
            .map(|_| (self.random() * n).floor() as usize)
            .collect()
    }

    /// `random.choices(population, weights, k=k)`: the weights are summed in order,
    /// as `itertools.accumulate` does, then drawn from as cumulative weights.
    pub fn choices_weighted(&mut self, weights: &[f64], k: usize) -> Result<Vec<usize>, PyError> {
        let cum_weights: Vec<f64> = weights
            .iter()
            .scan(0.0, |total, &w| {
                *total += w;
                Some(*total)
            })
            .collect();
        self.choices_cum_weights(&cum_weights, k)
    }

    /// `random.choices(population, cum_weights=cum_weights, k=k)`, where the
    /// population has as many items as there are weights.
    pub fn choices_cum_weights(
        &mut self,
        cum_weights: &[f64],
        k: usize,
    ) -> Result<Vec<usize>, PyError> {
        let Some(&last) = cum_weights.last() else {
            return Err(PyError::index_error("list index out of range"));
        };
        let total = last + 0.0;
        if total <= 0.0 {
            return Err(PyError::value_error(
                "Total of weights must be greater than zero",
            ));
        }
        if !total.is_finite() {
            return Err(PyError::value_error("Total of weights must be finite"));
        }
        let hi = cum_weights.len() - 1;
        Ok((0..k)
            .map(|_| {
                let x = self.random() * total;
                bisect_right(cum_weights, &x, hi)
            })
            .collect())
    }

    /// `random.gauss(mu, sigma)`: Box–Muller, keeping the second value of each
    /// pair for the next call.
    pub fn gauss(&mut self, mu: f64, sigma: f64) -> f64 {
        let z = match self.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = self.random() * std::f64::consts::TAU;
                let g2rad = (-2.0 * (1.0 - self.random()).ln()).sqrt();
                self.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        mu + z * sigma
    }

    /// `random.normalvariate(mu, sigma)`: Kinderman and Monahan's ratio method.
    pub fn normalvariate(&mut self, mu: f64, sigma: f64) -> f64 {
        let nv_magicconst = 4.0 * (-0.5f64).exp() / 2f64.sqrt();
        loop {
            let u1 = self.random();
            let u2 = 1.0 - self.random();
            let z = nv_magicconst * (u1 - 0.5) / u2;
            let zz = z * z / 4.0;
            if zz <= -u2.ln() {
                return mu + z * sigma;
            }
        }
    }
}

/// Python's `//` on ints: the quotient rounded down.
fn floor_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

/// `bisect.bisect_right(a, x, 0, hi)`: where `x` goes in the sorted `a[..hi]`, after
/// any equal items.
fn bisect_right<T: PartialOrd>(a: &[T], x: &T, hi: usize) -> usize {
    a[..hi].partition_point(|item| item <= x)
}

/// `hash(x)` of a float, as CPython's `_Py_HashDouble`: the value modulo the prime
/// 2**61 - 1, so that it equals the hash of an equal int.
fn hash_float(x: f64) -> i64 {
    const BITS: u32 = 61;
    const MODULUS: u64 = (1 << BITS) - 1;
    if x.is_infinite() {
        return if x > 0.0 { 314_159 } else { -314_159 };
    }
    if x.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(x.abs());
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & MODULUS) | (h >> (BITS - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= MODULUS {
            h -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e as u32 % BITS
    } else {
        BITS - 1 - ((-1 - e) as u32 % BITS)
    };
    h = ((h << e) & MODULUS) | (h >> (BITS - e));
    let mut hash = h as i64;
    if x < 0.0 {
        hash = -hash;
    }
    if hash == -1 { -2 } else { hash }
}

/// C's `frexp` for a finite, non-negative `x`: `x == m * 2**e` with `m` in [0.5, 1),
/// or (0, 0) for zero.
fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    if exponent == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exponent - 1022)
}

/// The SHA-512 digest of `data` (FIPS 180-4), for seeding from a str or bytes.
fn sha512(data: &[u8]) -> [u8; 64] {
    const K: [u64; 80] = [
        0x428a2f98d728ae22,
        0x7137449123ef65cd,
        0xb5c0fbcfec4d3b2f,
        0xe9b5dba58189dbbc,
        0x3956c25bf348b538,
        0x59f111f1b605d019,
        0x923f82a4af194f9b,
        0xab1c5ed5da6d8118,
        0xd807aa98a3030242,
        0x12835b0145706fbe,
        0x243185be4ee4b28c,
        0x550c7dc3d5ffb4e2,
        0x72be5d74f27b896f,
        0x80deb1fe3b1696b1,
        0x9bdc06a725c71235,
        0xc19bf174cf692694,
        0xe49b69c19ef14ad2,
        0xefbe4786384f25e3,
        0x0fc19dc68b8cd5b5,
        0x240ca1cc77ac9c65,
        0x2de92c6f592b0275,
        0x4a7484aa6ea6e483,
        0x5cb0a9dcbd41fbd4,
        0x76f988da831153b5,
        0x983e5152ee66dfab,
        0xa831c66d2db43210,
        0xb00327c898fb213f,
        0xbf597fc7beef0ee4,
        0xc6e00bf33da88fc2,
        0xd5a79147930aa725,
        0x06ca6351e003826f,
        0x142929670a0e6e70,
        0x27b70a8546d22ffc,
        0x2e1b21385c26c926,
        0x4d2c6dfc5ac42aed,
        0x53380d139d95b3df,
        0x650a73548baf63de,
        0x766a0abb3c77b2a8,
        0x81c2c92e47edaee6,
        0x92722c851482353b,
        0xa2bfe8a14cf10364,
        0xa81a664bbc423001,
        0xc24b8b70d0f89791,
        0xc76c51a30654be30,
        0xd192e819d6ef5218,
        0xd69906245565a910,
        0xf40e35855771202a,
        0x106aa07032bbd1b8,
        0x19a4c116b8d2d0c8,
        0x1e376c085141ab53,
        0x2748774cdf8eeb99,
        0x34b0bcb5e19b48a8,
        0x391c0cb3c5c95a63,
        0x4ed8aa4ae3418acb,
        0x5b9cca4f7763e373,
        0x682e6ff3d6b2b8a3,
        0x748f82ee5defb2fc,
        0x78a5636f43172f60,
        0x84c87814a1f0ab72,
        0x8cc702081a6439ec,
        0x90befffa23631e28,
        0xa4506cebde82bde9,
        0xbef9a3f7b2c67915,
        0xc67178f2e372532b,
        0xca273eceea26619c,
        0xd186b8c721c0c207,
        0xeada7dd6cde0eb1e,
        0xf57d4f7fee6ed178,
        0x06f067aa72176fba,
        0x0a637dc5a2c898a6,
        0x113f9804bef90dae,
        0x1b710b35131c471b,
        0x28db77f523047d84,
        0x32caab7b40c72493,
        0x3c9ebe0a15c9bebc,
        0x431d67c49c100d4c,
        0x4cc5d4becb3e42b6,
        0x597f299cfc657e2a,
        0x5fcb6fab3ad6faec,
        0x6c44198c4a475817,
    ];
    let mut h: [u64; 8] = [
        0x6a09e667f3bcc908,
        0xbb67ae8584caa73b,
        0x3c6ef372fe94f82b,
        0xa54ff53a5f1d36f1,
        0x510e527fade682d1,
        0x9b05688c2b3e6c1f,
        0x1f83d9abfb41bd6b,
        0x5be0cd19137e2179,
    ];
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 128 != 112 {
        message.push(0);
    }
    message.extend_from_slice(&((data.len() as u128) * 8).to_be_bytes());
    for block in message.chunks(128) {
        let mut w = [0u64; 80];
        for (t, word) in block.chunks(8).enumerate() {
            w[t] = word.iter().fold(0, |acc, &b| (acc << 8) | u64::from(b));
        }
        for t in 16..80 {
            let s0 = w[t - 15].rotate_right(1) ^ w[t - 15].rotate_right(8) ^ (w[t - 15] >> 7);
            let s1 = w[t - 2].rotate_right(19) ^ w[t - 2].rotate_right(61) ^ (w[t - 2] >> 6);
            w[t] = w[t - 16]
                .wrapping_add(s0)
                .wrapping_add(w[t - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for t in 0..80 {
            let s1 = e.rotate_right(14) ^ e.rotate_right(18) ^ e.rotate_right(41);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[t])
                .wrapping_add(w[t]);
            let s0 = a.rotate_right(28) ^ a.rotate_right(34) ^ a.rotate_right(39);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (state, value) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *state = state.wrapping_add(value);
        }
    }
    let mut digest = [0u8; 64];
    for (chunk, word) in digest.chunks_mut(8).zip(h) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    digest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_42_random() {
        // python3 3.11: random.seed(42); [random.random() for _ in range(5)]
        let mut r = Random::from_seed_u64(42);
        let got: Vec<f64> = (0..5).map(|_| r.random()).collect();
        assert_eq!(
            got,
            vec![
                0.6394267984578837,
                0.025010755222666936,
                0.27502931836911926,
                0.22321073814882275,
                0.7364712141640124
            ]
        );
    }

    #[test]
    fn seeds_of_any_size() {
        // python3 3.11: random.seed(n); [random.random() for _ in range(3)] for each n.
        let cases: Vec<(Vec<u32>, Vec<f64>)> = vec![
            (
                vec![],
                vec![0.8444218515250481, 0.7579544029403025, 0.420571580830845],
            ),
            (
                vec![0x1],
                vec![0.13436424411240122, 0.8474337369372327, 0.763774618976614],
            ),
            (
                vec![0xffffffff],
                vec![0.6353574441341173, 0.20319993954407756, 0.6073666030347188],
            ),
            (
                vec![0x0, 0x1],
                vec![0.11299430095636409, 0.41782886486292836, 0.0166763664992291],
            ),
            (
                vec![0x5, 0x0, 0x1],
                vec![0.5105783769365112, 0.8797586528012199, 0.5149365298491138],
            ),
            (
                vec![0x40000000, 0x4674edea, 0x9f2c9cd0, 0xc],
                vec![0.9341508484568806, 0.5253068813972436, 0.34916701183971244],
            ),
            (
                vec![0xeb1f0ad2, 0xab54a98c],
                vec![0.5120180983871961, 0.9318805526703359, 0.6423121128048344],
            ),
        ];
        for (words, expected) in cases {
            let mut r = Random::from_seed_u64(0);
            r.seed_words(&words);
            let got: Vec<f64> = (0..3).map(|_| r.random()).collect();
            assert_eq!(got, expected, "seed {words:x?}");
        }
    }

    #[test]
    fn seed_int_uses_absolute_value() {
        // python3 3.11: random.seed(-7) draws as random.seed(7); random.seed(10**30).
        let mut r = Random::from_seed_u64(0);
        r.seed_int(&-7i64);
        assert_eq!(
            vec![r.random(), r.random()],
            vec![0.32383276483316237, 0.15084917392450192]
        );
        r.seed_int(&10i128.pow(30));
        assert_eq!(r.random(), 0.9341508484568806);
    }

    #[test]
    fn getrandbits_matches() {
        // python3 3.11: random.seed(123); [random.getrandbits(k) for k in [0, 1, 31, 32, 33, 64, 65, 100, 128]]
        let mut r = Random::from_seed_u64(123);
        let expected: [u128; 9] = [
            0,
            0,
            574832345,
            374463918,
            3302642556,
            1986718599439245043,
            35070929095474293397,
            676307602673970797779110621269,
            17661218408145192739650245050808068233,
        ];
        for (k, want) in [0, 1, 31, 32, 33, 64, 65, 100, 128]
            .into_iter()
            .zip(expected)
        {
            let words = r.getrandbits(k).unwrap();
            let got = words
                .iter()
                .rev()
                .fold(0u128, |acc, &w| (acc << 32) | u128::from(w));
            assert_eq!(got, want, "getrandbits({k})");
        }
        assert_eq!(
            r.getrandbits(-1),
            Err(PyError::value_error("number of bits must be non-negative"))
        );
        // python3 3.11: random.seed(9); [random.getrandbits(k) for k in (5, 40, 64)]
        let mut r = Random::from_seed_u64(9);
        assert_eq!(
            [
                r.getrandbits_u64(5),
                r.getrandbits_u64(40),
                r.getrandbits_u64(64)
            ],
            [14, 410655632494, 2555601105289669628]
        );
    }

    #[test]
    fn randrange_and_randint_match() {
        // python3 3.11: random.seed(7), then these calls three times over.
        let mut r = Random::from_seed_u64(7);
        let mut got = Vec::new();
        for _ in 0..3 {
            got.push(r.randrange(10, None, None).unwrap());
            got.push(r.randrange(5, Some(15), None).unwrap());
            got.push(r.randrange(0, Some(100), Some(7)).unwrap());
            got.push(r.randrange(100, Some(0), Some(-3)).unwrap());
            got.push(r.randint(1, 6).unwrap());
            got.push(r.randint(-5, 5).unwrap());
            got.push(r.randrange(-10, Some(-1), None).unwrap());
            got.push(r.randint(0, 1099511627776).unwrap());
            got.push(r.randrange(4611686018427387904, None, None).unwrap());
            got.push(r.randint(i64::MIN, i64::MAX).unwrap());
        }
        assert_eq!(
            got,
            vec![
                5,
                7,
                42,
                91,
                1,
                3,
                -9,
                470330855157,
                792723338049442008,
                -1509457273540090022,
                3,
                6,
                56,
                19,
                1,
                4,
                -9,
                493695537245,
                3658731639517088501,
                8785356068037452444,
                0,
                13,
                91,
                76,
                3,
                1,
                -8,
                260020265964,
                2845242645790811736,
                2562501216369800041
            ]
        );
    }

    #[test]
    fn randrange_errors_match() {
        // python3 3.11: the ValueError of random.randrange(*args).
        let mut r = Random::from_seed_u64(1);
        assert_eq!(
            r.randrange(5, Some(5), None),
            Err(PyError::value_error(
                "empty range for randrange() (5, 5, 0)"
            ))
        );
        assert_eq!(
            r.randrange(0, None, None),
            Err(PyError::value_error("empty range for randrange()"))
        );
        assert_eq!(
            r.randrange(-3, None, None),
            Err(PyError::value_error("empty range for randrange()"))
        );
        assert_eq!(
            r.randrange(1, Some(10), Some(0)),
            Err(PyError::value_error("zero step for randrange()"))
        );
        assert_eq!(
            r.randrange(10, Some(1), Some(1)),
            Err(PyError::value_error(
                "empty range for randrange() (10, 1, -9)"
            ))
        );
        assert_eq!(
            r.randrange(1, Some(10), Some(-1)),
            Err(PyError::value_error("empty range for randrange()"))
        );
        // python3 3.11: random.randrange(5, step=2), random.randint(5, 3), random.randrange(5, None, 1) after seeding 1.
        assert_eq!(
            r.randrange(5, None, Some(2)),
            Err(PyError::type_error("Missing a non-None stop argument"))
        );
        assert_eq!(
            r.randint(5, 3),
            Err(PyError::value_error(
                "empty range for randrange() (5, 4, -1)"
            ))
        );
        let mut r = Random::from_seed_u64(1);
        assert_eq!(r.randrange(5, None, Some(1)), Ok(1));
    }

    #[test]
    fn randbytes_matches() {
        // python3 3.11: random.seed(8); [list(random.randbytes(n)) for n in (5, 4, 0, 3)]
        let mut r = Random::from_seed_u64(8);
        assert_eq!(r.randbytes(5), [51, 101, 9, 58, 94]);
        assert_eq!(r.randbytes(4), [167, 247, 88, 246]);
        assert_eq!(r.randbytes(0), []);
        assert_eq!(r.randbytes(3), [54, 24, 96]);
    }

    #[test]
    fn shuffle_matches() {
        // python3 3.11: random.seed(2024); x = list(range(20)); random.shuffle(x); y = list("abcdefg"); random.shuffle(y)
        let mut r = Random::from_seed_u64(2024);
        let mut x: Vec<usize> = (0..20).collect();
        r.shuffle(&mut x);
        assert_eq!(
            x,
            vec![
                0, 2, 16, 1, 10, 19, 17, 18, 7, 3, 8, 4, 14, 11, 12, 13, 6, 9, 5, 15
            ]
        );
        let mut y: Vec<char> = "abcdefg".chars().collect();
        r.shuffle(&mut y);
        assert_eq!(y.into_iter().collect::<String>(), "gfcdbae");
    }

    #[test]
    fn sample_matches() {
        // python3 3.11: random.seed(99); random.sample(range(n), k) for each (n, k) in turn.
        let mut r = Random::from_seed_u64(99);
        assert_eq!(r.sample(10, 5).unwrap(), vec![6, 9, 3, 4, 1]);
        assert_eq!(r.sample(1000, 5).unwrap(), vec![235, 254, 136, 778, 88]);
        assert_eq!(
            r.sample(100, 30).unwrap(),
            vec![
                32, 93, 49, 67, 87, 89, 68, 11, 79, 62, 25, 53, 78, 75, 27, 47, 97, 85, 19, 59, 22,
                72, 43, 10, 96, 92, 60, 40, 51, 5
            ]
        );
        assert_eq!(r.sample(40, 6).unwrap(), vec![17, 35, 0, 27, 13, 23]);
        assert_eq!(r.sample(21, 3).unwrap(), vec![17, 2, 14]);
        assert_eq!(r.sample(22, 3).unwrap(), vec![16, 6, 19]);
        assert_eq!(
            r.sample(50, 50).unwrap(),
            vec![
                29, 3, 22, 8, 13, 10, 28, 38, 11, 32, 41, 2, 7, 1, 44, 30, 26, 5, 27, 20, 42, 4, 9,
                19, 0, 12, 35, 43, 16, 24, 6, 36, 33, 14, 46, 15, 17, 34, 49, 40, 37, 25, 39, 23,
                45, 47, 18, 31, 48, 21
            ]
        );
        assert_eq!(r.sample(5, 0).unwrap(), vec![]);
        assert_eq!(
            r.sample(3, 4),
            Err(PyError::value_error(
                "Sample larger than population or is negative"
            ))
        );
        assert_eq!(
            r.sample(3, -1),
            Err(PyError::value_error(
                "Sample larger than population or is negative"
            ))
        );
        // python3 3.11: random.seed(5); random.sample(["red", "blue"], counts=[4, 2], k=5)
        let mut r = Random::from_seed_u64(5);
        assert_eq!(r.sample_counts(&[4, 2], 5).unwrap(), vec![1, 0, 1, 0, 0]);
        assert_eq!(
            r.sample_counts(&[0], 1),
            Err(PyError::value_error(
                "Total of counts must be greater than zero"
            ))
        );
    }

    #[test]
    fn choices_match() {
        // python3 3.11: random.seed(11), then choices, weighted choices, cum-weighted choices,
        // choice(range(7)) five times and uniform(1.5, 7.25) three times.
        let mut r = Random::from_seed_u64(11);
        assert_eq!(r.choices(10, 10), vec![4, 5, 9, 4, 5, 5, 1, 5, 6, 7]);
        assert_eq!(
            r.choices_weighted(&[1.0, 2.0, 3.0, 4.0], 10).unwrap(),
            vec![0, 2, 0, 3, 3, 0, 3, 3, 3, 3]
        );
        assert_eq!(
            r.choices_cum_weights(&[0.5, 0.7, 2.0], 8).unwrap(),
            vec![0, 0, 2, 0, 0, 0, 0, 2]
        );
        let picks: Vec<usize> = (0..5).map(|_| r.choice(7).unwrap()).collect();
        assert_eq!(picks, vec![3, 4, 6, 1, 4]);
        let uniform: Vec<f64> = (0..3).map(|_| r.uniform(1.5, 7.25)).collect();
        assert_eq!(
            uniform,
            vec![2.843462416393141, 3.1913715312160225, 1.5264141899279116]
        );
        assert_eq!(
            r.choice(0),
            Err(PyError::index_error("Cannot choose from an empty sequence"))
        );
        assert_eq!(
            r.choices_weighted(&[0.0], 1),
            Err(PyError::value_error(
                "Total of weights must be greater than zero"
            ))
        );
        assert_eq!(
            r.choices_weighted(&[f64::INFINITY], 1),
            Err(PyError::value_error("Total of weights must be finite"))
        );
    }

    #[test]
    fn gauss_and_normalvariate_match() {
        // python3 3.11: random.seed(3); gauss(0, 1) five times, normalvariate(10, 2) five times, gauss(5, 0.5) three times.
        let mut r = Random::from_seed_u64(3);
        let gauss: Vec<f64> = (0..5).map(|_| r.gauss(0.0, 1.0)).collect();
        assert_eq!(
            gauss,
            vec![
                0.09470803828730423,
                1.2500243810835503,
                -0.931378367720707,
                0.9923772805192402,
                -0.25915453769343405
            ]
        );
        let normal: Vec<f64> = (0..5).map(|_| r.normalvariate(10.0, 2.0)).collect();
        assert_eq!(
            normal,
            vec![
                8.92163624193353,
                12.204573665907771,
                10.56176093760836,
                13.50661578378825,
                10.307387790838893
            ]
        );
        let gauss: Vec<f64> = (0..3).map(|_| r.gauss(5.0, 0.5)).collect();
        assert_eq!(
            gauss,
            vec![4.869244508009413, 4.913787276073944, 4.839831146310393]
        );
    }

    #[test]
    fn seeds_from_str_bytes_and_float() {
        // python3 3.11: random.seed(s); random.random() for a str, bytes, and floats.
        let mut r = Random::from_seed_u64(0);
        r.seed_str("hello");
        assert_eq!(r.random(), 0.3537754404730722);
        r.seed_str("");
        assert_eq!(r.random(), 0.9602256525641875);
        r.seed_str("中文 seed");
        assert_eq!(r.random(), 0.5770814905112799);
        r.seed_bytes(&[97, 98, 99]);
        assert_eq!(r.random(), 0.7720246314157545);
        r.seed_bytes(&(0..200).collect::<Vec<u8>>());
        assert_eq!(r.random(), 0.8731467942221395);
        r.seed_float(3.25);
        assert_eq!(r.random(), 0.10626827177291942);
        r.seed_float(5.0);
        assert_eq!(r.random(), 0.6229016948897019);
        r.seed_float(-1.5);
        assert_eq!(r.random(), 0.7101153317194698);
        r.seed_float(1e+300);
        assert_eq!(r.random(), 0.2614143642581235);
        r.seed_float(5e-324);
        assert_eq!(r.random(), 0.4787190331584651);
        r.seed_float(f64::INFINITY);
        assert_eq!(r.random(), 0.19236379321481523);
        r.seed_float(-0.5);
        assert_eq!(r.random(), 0.6833350889696508);
    }

    #[test]
    fn world_seed_is_seed_of_that_int() {
        // python3 3.11: random.seed(2**64 - 1); random.random()
        let mut r = Random::from_seed_u64(u64::MAX);
        assert_eq!(r.random(), 0.021825695401270107);
    }
}
