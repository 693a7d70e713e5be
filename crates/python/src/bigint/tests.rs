//! Every expected value here is what python3 3.11 prints for the same expression.

use std::cmp::Ordering;

use super::*;

/// An int from Python source-like text (`0x` prefixes allowed).
fn n(text: &str) -> BigInt {
    BigInt::parse(text, 0).unwrap_or_else(|error| panic!("{text:?}: {}", error.message(text)))
}

/// `2**exponent`.
fn two_to(exponent: u64) -> BigInt {
    &BigInt::from(1i64) << exponent
}

#[test]
fn construction_at_limb_boundaries() {
    assert_eq!(BigInt::from(0i64).to_string(), "0");
    assert_eq!(BigInt::from(u64::from(u32::MAX)).to_string(), "4294967295");
    assert_eq!(BigInt::from(1u64 << 32).to_string(), "4294967296");
    assert_eq!(BigInt::from(i64::MIN).to_string(), "-9223372036854775808");
    assert_eq!(BigInt::from(i64::MAX).to_string(), "9223372036854775807");
    assert_eq!(BigInt::from(u64::MAX).to_string(), "18446744073709551615");
    assert_eq!(
        BigInt::from(1i128 << 64).to_string(),
        "18446744073709551616"
    );
    assert_eq!(
        BigInt::from(i128::MIN).to_string(),
        "-170141183460469231731687303715884105728"
    );
    assert_eq!(BigInt::from(-0i128), BigInt::zero());
    assert_eq!(two_to(100).to_string(), "1267650600228229401496703205376");
}

#[test]
fn to_i64_only_in_range() {
    assert_eq!(n("9223372036854775807").to_i64(), Some(i64::MAX));
    assert_eq!(n("-9223372036854775808").to_i64(), Some(i64::MIN));
    assert_eq!(n("9223372036854775808").to_i64(), None);
    assert_eq!(n("-9223372036854775809").to_i64(), None);
    assert_eq!(n("-4294967296").to_i64(), Some(-4294967296));
    assert_eq!(n("18446744073709551616").to_i64(), None);
    assert_eq!(BigInt::zero().to_i64(), Some(0));
}

#[test]
fn sizes_and_signs() {
    // (2**64).bit_length(), (-2**64).bit_length(), (2**32-1).bit_length(), (0).bit_length()
    assert_eq!(two_to(64).bit_length(), 65);
    assert_eq!((-&two_to(64)).bit_length(), 65);
    assert_eq!(n("4294967295").bit_length(), 32);
    assert_eq!(BigInt::zero().bit_length(), 0);
    // sys.getsizeof: 28 for 2**30-1, 32 for 2**30, 36 for 2**60 and -2**63, 40 for 2**90
    assert_eq!(n("1073741823").digit_count(), 1);
    assert_eq!(two_to(30).digit_count(), 2);
    assert_eq!(two_to(60).digit_count(), 3);
    assert_eq!(BigInt::from(i64::MIN).digit_count(), 3);
    assert_eq!(two_to(90).digit_count(), 4);
    assert!(n("-1").is_negative() && !n("-0").is_negative() && n("-0").is_zero());
    assert_eq!(n("-18446744073709551616").abs(), two_to(64));
}

#[test]
fn add_sub_mul_floordiv_mod() {
    // a, b, a + b, a - b, a * b, a // b, a % b
    let rows = [
        // 2**32-1, 1
        (
            "4294967295",
            "1",
            "4294967296",
            "4294967294",
            "4294967295",
            "4294967295",
            "0",
        ),
        // 2**32, -1
        (
            "4294967296",
            "-1",
            "4294967295",
            "4294967297",
            "-4294967296",
            "-4294967296",
            "0",
        ),
        // -2**32, 2**32-1
        (
            "-4294967296",
            "4294967295",
            "-1",
            "-8589934591",
            "-18446744069414584320",
            "-2",
            "4294967294",
        ),
        // 2**63, -2**63
        (
            "9223372036854775808",
            "-9223372036854775808",
            "0",
            "18446744073709551616",
            "-85070591730234615865843651857942052864",
            "-1",
            "0",
        ),
        // -2**63, -1
        (
            "-9223372036854775808",
            "-1",
            "-9223372036854775809",
            "-9223372036854775807",
            "9223372036854775808",
            "9223372036854775808",
            "0",
        ),
        // 2**64, 2**32
        (
            "18446744073709551616",
            "4294967296",
            "18446744078004518912",
            "18446744069414584320",
            "79228162514264337593543950336",
            "4294967296",
            "0",
        ),
        // -2**64, 3
        (
            "-18446744073709551616",
            "3",
            "-18446744073709551613",
            "-18446744073709551619",
            "-55340232221128654848",
            "-6148914691236517206",
            "2",
        ),
        // 2**64, -3
        (
            "18446744073709551616",
            "-3",
            "18446744073709551613",
            "18446744073709551619",
            "-55340232221128654848",
            "-6148914691236517206",
            "-2",
        ),
        // 10**30, 7 with the four sign combinations
        (
            "1000000000000000000000000000000",
            "7",
            "1000000000000000000000000000007",
            "999999999999999999999999999993",
            "7000000000000000000000000000000",
            "142857142857142857142857142857",
            "1",
        ),
        (
            "-1000000000000000000000000000000",
            "7",
            "-999999999999999999999999999993",
            "-1000000000000000000000000000007",
            "-7000000000000000000000000000000",
            "-142857142857142857142857142858",
            "6",
        ),
        (
            "1000000000000000000000000000000",
            "-7",
            "999999999999999999999999999993",
            "1000000000000000000000000000007",
            "-7000000000000000000000000000000",
            "-142857142857142857142857142858",
            "-6",
        ),
        (
            "-1000000000000000000000000000000",
            "-7",
            "-1000000000000000000000000000007",
            "-999999999999999999999999999993",
            "7000000000000000000000000000000",
            "142857142857142857142857142857",
            "-1",
        ),
        // 2**100, 2**64-1
        (
            "1267650600228229401496703205376",
            "18446744073709551615",
            "1267650600246676145570412756991",
            "1267650600209782657422993653761",
            "23384026197294446689991306723232298912998217482240",
            "68719476736",
            "68719476736",
        ),
        // -2**100+1, 2**64
        (
            "-1267650600228229401496703205375",
            "18446744073709551616",
            "-1267650600209782657422993653759",
            "-1267650600246676145570412756991",
            "-23384026197294446691258957323442081570421211136000",
            "-68719476736",
            "1",
        ),
        // 3**80, -2**70
        (
            "147808829414345923316083210206383297601",
            "-1180591620717411303424",
            "147808829414345922135491589488971994177",
            "147808829414345924496674830923794601025",
            "-174501865474626029815852028602966599832310325196876702285824",
            "-125198948409041547",
            "-69397557133456059327",
        ),
        // 7, 10**30 and -7, 10**30: a small dividend
        (
            "7",
            "1000000000000000000000000000000",
            "1000000000000000000000000000007",
            "-999999999999999999999999999993",
            "7000000000000000000000000000000",
            "0",
            "7",
        ),
        (
            "-7",
            "1000000000000000000000000000000",
            "999999999999999999999999999993",
            "-1000000000000000000000000000007",
            "-7000000000000000000000000000000",
            "-1",
            "999999999999999999999999999993",
        ),
    ];
    for (a, b, sum, difference, product, quotient, remainder) in rows {
        let (a, b) = (n(a), n(b));
        assert_eq!((&a + &b).to_string(), sum, "{a} + {b}");
        assert_eq!((&a - &b).to_string(), difference, "{a} - {b}");
        assert_eq!((&a * &b).to_string(), product, "{a} * {b}");
        let (q, r) = a.div_mod_floor(&b).unwrap();
        assert_eq!(
            (q.to_string(), r.to_string()),
            (quotient.to_string(), remainder.to_string()),
            "divmod({a}, {b})"
        );
    }
}

#[test]
fn division_where_the_estimated_quotient_digit_is_one_too_large() {
    // Both need Algorithm D's "add back" step with 32-bit limbs.
    // divmod(0xffffffff7fffffff800000000000000100000000, 0x8000000080000000fffffffe)
    let (q, r) = n("0xffffffff7fffffff800000000000000100000000")
        .div_mod_floor(&n("0x8000000080000000fffffffe"))
        .unwrap();
    assert_eq!(
        (q.to_string(), r.to_string()),
        (
            "36893488134534201342".into(),
            "147573952576791511036".into()
        )
    );
    // divmod(0x80000000000000017fffffff7ffffffffffffffe, 0x800000000000000180000000)
    let (q, r) = n("0x80000000000000017fffffff7ffffffffffffffe")
        .div_mod_floor(&n("0x800000000000000180000000"))
        .unwrap();
    assert_eq!(
        (q.to_string(), r.to_string()),
        (
            "18446744073709551615".into(),
            "39614081247908796766359650302".into()
        )
    );
}

#[test]
fn division_by_zero_is_left_to_the_caller() {
    assert_eq!(n("5").div_mod_floor(&BigInt::zero()), None);
    assert_eq!(n("5").true_div(&BigInt::zero()), None);
    assert_eq!(n("5").pow_mod(&n("2"), &BigInt::zero()), None);
}

#[test]
fn powers() {
    #[rustfmt::skip]
    let cases = [
        ("2", 100, "1267650600228229401496703205376"),
        ("-3", 41, "-36472996377170786403"),
        ("10", 30, "1000000000000000000000000000000"),
        ("4294967296", 3, "79228162514264337593543950336"),
        ("18446744073709551615", 2, "340282366920938463426481119284349108225"),
        ("-1", 1 << 61, "1"),
        ("0", 0, "1"),
        ("7", 0, "1"),
        ("0", 5, "0"),
    ];
    for (base, exponent, expected) in cases {
        assert_eq!(
            n(base).pow(exponent).to_string(),
            expected,
            "{base} ** {exponent}"
        );
    }
}

#[test]
fn three_argument_pow() {
    #[rustfmt::skip]
    let cases = [
        ("2", "100000", "1000007", "351226"),
        ("3", "2", "-5", "-1"),
        ("-3", "3", "5", "3"),
        ("-3", "3", "-5", "-2"),
        ("5", "0", "1", "0"),
        ("5", "0", "-1", "0"),
        ("0", "0", "7", "1"),
        ("5", "0", "-5", "-4"),
        ("2**64+3", "2**70+1", "10**20+39", "17104725768524635927"),
        ("-(2**64)", "3", "-(2**65+1)", "-4611686018427387904"),
    ];
    let value = |text: &str| match text {
        "2**64+3" => &two_to(64) + &n("3"),
        "2**70+1" => &two_to(70) + &n("1"),
        "10**20+39" => &n("10").pow(20) + &n("39"),
        "-(2**64)" => -&two_to(64),
        "-(2**65+1)" => -&(&two_to(65) + &n("1")),
        _ => n(text),
    };
    for (base, exponent, modulus, expected) in cases {
        let result = value(base)
            .pow_mod(&value(exponent), &value(modulus))
            .unwrap();
        assert_eq!(
            result.to_string(),
            expected,
            "pow({base}, {exponent}, {modulus})"
        );
    }
}

#[test]
fn gcd() {
    #[rustfmt::skip]
    let cases = [
        ("0", "0", "0"),
        ("0", "-5", "5"),
        ("-12", "18", "6"),
        ("18446744073709551616", "12884901888", "4294967296"),
        ("1000000000000000000000000000000", "-1267650600228229401496703205376", "1073741824"),
        ("147808829414345923316083210206383297601", "1180591620717411303424", "1"),
        ("-18446744073709551615", "4294967297", "4294967297"),
    ];
    for (a, b, expected) in cases {
        assert_eq!(n(a).gcd(&n(b)).to_string(), expected, "gcd({a}, {b})");
    }
}

#[test]
fn bitwise_on_twos_complement() {
    // a, b, a & b, a | b, a ^ b
    #[rustfmt::skip]
    let rows = [
        ("4294967295", "-1", "4294967295", "-1", "-4294967296"),
        ("-4294967296", "4294967295", "0", "-1", "-1"),
        ("-9223372036854775808", "9223372036854775807", "0", "-1", "-1"),
        ("18446744073709551616", "-18446744073709551616", "18446744073709551616", "-18446744073709551616", "-36893488147419103232"),
        ("-18446744073709551617", "18446744073709551617", "1", "-1", "-2"),
        ("-1000000000000000000000000000000", "-12157665459056928801", "-1000000000012143974056110063616", "-13691402946865185", "1000000000012130282653163198431"),
        ("1267650600228229401496703205375", "-18446744073709551616", "1267650600209782657422993653760", "-1", "-1267650600209782657422993653761"),
        ("-1", "0", "0", "-1", "-1"),
    ];
    for (a, b, and, or, xor) in rows {
        let (a, b) = (n(a), n(b));
        assert_eq!((&a & &b).to_string(), and, "{a} & {b}");
        assert_eq!((&a | &b).to_string(), or, "{a} | {b}");
        assert_eq!((&a ^ &b).to_string(), xor, "{a} ^ {b}");
    }
    // ~(2**64), ~(-2**64), ~0
    assert_eq!((!&two_to(64)).to_string(), "-18446744073709551617");
    assert_eq!((!&-&two_to(64)).to_string(), "18446744073709551615");
    assert_eq!((!&BigInt::zero()).to_string(), "-1");
}

#[test]
fn shifts_floor_toward_minus_infinity() {
    // a, count, a << count, a >> count
    #[rustfmt::skip]
    let rows = [
        ("1", 64, "18446744073709551616", "0"),
        ("-1", 1, "-2", "-1"),
        ("-5", 1, "-10", "-3"),
        ("-18446744073709551616", 64, "-340282366920938463463374607431768211456", "-1"),
        ("-18446744073709551617", 64, "-340282366920938463481821351505477763072", "-2"),
        ("18446744073709551615", 32, "79228162514264337589248983040", "4294967295"),
        ("-18446744073709551615", 32, "-79228162514264337589248983040", "-4294967296"),
        ("12157665459056928801", 7, "1556181178759286886528", "94981761398882256"),
        ("-12157665459056928801", 7, "-1556181178759286886528", "-94981761398882257"),
        ("-4294967296", 31, "-9223372036854775808", "-2"),
        ("-4294967296", 33, "-36893488147419103232", "-1"),
    ];
    for (a, count, left, right) in rows {
        let a = n(a);
        assert_eq!((&a << count).to_string(), left, "{a} << {count}");
        assert_eq!((&a >> count).to_string(), right, "{a} >> {count}");
    }
    // -1 >> 1000, 1 >> 1000, and a count past any size
    assert_eq!((&n("-1") >> 1000).to_string(), "-1");
    assert_eq!((&n("1") >> 1000).to_string(), "0");
    assert_eq!((&n("-1") >> u64::MAX).to_string(), "-1");
}

#[test]
fn int_to_float_rounds_half_to_even() {
    #[rustfmt::skip]
    let cases = [
        (n("9007199254740993"), Ok(9007199254740992.0)), // float(2**53+1)
        (n("9007199254740995"), Ok(9007199254740996.0)), // float(2**53+3)
        (n("-9007199254740993"), Ok(-9007199254740992.0)), // float(-(2**53+1))
        (n("18014398509481986"), Ok(1.8014398509481984e16)), // float(2**54+2)
        (n("18014398509481990"), Ok(1.801439850948199e16)), // float(2**54+6)
        (n("18446744073709551615"), Ok(1.8446744073709552e19)), // float(2**64-1)
        (n("-9223372036854775808"), Ok(-9.223372036854776e18)), // float(-2**63)
        (n("1000000000000000000000000000000"), Ok(1e30)),
        (n("3").pow(500), Ok(3.6360291795869935e238)),
        (&two_to(1024) - &(&two_to(970) + &n("1")), Ok(f64::MAX)), // float(2**1024-2**970-1)
        (&two_to(1024) - &two_to(970), Err("int too large to convert to float")),
    ];
    for (value, expected) in cases {
        assert_eq!(value.to_f64(), expected, "float({value})");
    }
}

#[test]
fn true_division_rounds_once() {
    #[rustfmt::skip]
    let cases = [
        (n("10").pow(30), n("7"), Ok(1.4285714285714285e29)),
        (n("1"), n("3"), Ok(0.3333333333333333)),
        (-&two_to(64), n("3"), Ok(-6.148914691236517e18)),
        (two_to(64), -&(&two_to(64) + &n("1")), Ok(-1.0)),
        (n("10").pow(400), n("10").pow(399), Ok(10.0)),
        (n("10").pow(20), n("3"), Ok(3.333333333333333e19)),
        (&two_to(100) + &n("1"), two_to(47), Ok(9007199254740992.0)),
        (&two_to(1075) + &n("1"), two_to(52), Ok(8.98846567431158e307)),
        (&two_to(1023) * &n("3"), n("2"), Ok(1.348269851146737e308)),
        (-&two_to(1024), n("-2"), Ok(8.98846567431158e307)),
        (two_to(1100), n("3"), Err("integer division result too large for a float")),
        // Subnormal and vanishing quotients.
        (n("1"), two_to(1074), Ok(5e-324)),
        (n("1"), two_to(1075), Ok(0.0)),
        (n("3"), two_to(1076), Ok(5e-324)),
        (&two_to(1074) + &n("1"), two_to(2148), Ok(5e-324)),
    ];
    for (a, b, expected) in cases {
        assert_eq!(a.true_div(&b).unwrap(), expected, "{a} / {b}");
    }
    // -1 / 10**400 and 0 / -(10**20) are -0.0.
    let negative_zero = n("-1").true_div(&n("10").pow(400)).unwrap().unwrap();
    assert!(negative_zero == 0.0 && negative_zero.is_sign_negative());
    let negative_zero = BigInt::zero()
        .true_div(&-&n("10").pow(20))
        .unwrap()
        .unwrap();
    assert!(negative_zero == 0.0 && negative_zero.is_sign_negative());
}

#[test]
fn float_to_int_truncates() {
    #[rustfmt::skip]
    let cases = [
        (1e20, "100000000000000000000"),
        (-1e20, "-100000000000000000000"),
        (2.5, "2"),
        (-2.5, "-2"),
        (-0.9, "0"),
        (5e-324, "0"),
        (18446744073709551616.0, "18446744073709551616"),
        (-9223372036854775808.0, "-9223372036854775808"),
        (1e22, "10000000000000000000000"),
        (f64::MAX, "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368"),
    ];
    for (x, expected) in cases {
        assert_eq!(
            BigInt::from_f64(x).unwrap().to_string(),
            expected,
            "int({x})"
        );
    }
    assert_eq!(BigInt::from_f64(f64::INFINITY), None);
    assert_eq!(BigInt::from_f64(f64::NAN), None);
    assert_eq!(
        FLOAT_INFINITY_TO_INT,
        "cannot convert float infinity to integer"
    );
    assert_eq!(FLOAT_NAN_TO_INT, "cannot convert float NaN to integer");
}

#[test]
fn comparison_with_floats_is_exact() {
    let two_53 = 9007199254740992.0;
    #[rustfmt::skip]
    let cases = [
        (n("9007199254740993"), two_53, Ordering::Greater), // 2**53+1 > 2.0**53
        (n("9007199254740993"), two_53 + 2.0, Ordering::Less),
        (n("-9007199254740993"), -two_53, Ordering::Less),
        (two_to(1024), f64::INFINITY, Ordering::Less),
        (-&two_to(1024), f64::NEG_INFINITY, Ordering::Greater),
        (n("10").pow(400), 1e308, Ordering::Greater),
        (n("5"), 5.0, Ordering::Equal),
        (n("5"), 5.5, Ordering::Less),
        (n("-5"), -5.5, Ordering::Greater),
        (n("-5"), -4.5, Ordering::Less),
        (n("0"), -0.0, Ordering::Equal),
        (two_to(63), 9223372036854775808.0, Ordering::Equal),
    ];
    for (value, x, expected) in cases {
        assert_eq!(value.cmp_f64(x), Some(expected), "{value} vs {x}");
    }
    assert_eq!(n("1").cmp_f64(f64::NAN), None);
    // The same for small ints: 2**63-1 < 2.0**63, -2**63 == -2.0**63, -2**63 > -2.0**63-2048.
    assert_eq!(
        cmp_i64_f64(i64::MAX, 9223372036854775808.0),
        Some(Ordering::Less)
    );
    assert_eq!(
        cmp_i64_f64(i64::MIN, -9223372036854775808.0),
        Some(Ordering::Equal)
    );
    assert_eq!(
        cmp_i64_f64(i64::MIN, -9223372036854777856.0),
        Some(Ordering::Greater)
    );
    assert_eq!(
        cmp_i64_f64(9007199254740993, two_53),
        Some(Ordering::Greater)
    );
    assert_eq!(cmp_i64_f64(-5, -4.5), Some(Ordering::Less));
    assert_eq!(cmp_i64_f64(0, f64::NAN), None);
    assert_eq!(n("7").cmp_i64(7), Ordering::Equal);
    assert_eq!(two_to(64).cmp_i64(i64::MAX), Ordering::Greater);
    assert_eq!((-&two_to(64)).cmp_i64(i64::MIN), Ordering::Less);
    assert!(n("-18446744073709551616") < n("-18446744073709551615"));
}

#[test]
fn hashes_agree_across_int_and_float() {
    #[rustfmt::skip]
    let ints = [
        ("0", 0),
        ("1", 1),
        ("-1", -2),
        ("-2", -2),
        ("2305843009213693950", 2305843009213693950), // 2**61-2
        ("2305843009213693951", 0),                   // 2**61-1
        ("2305843009213693952", 1),                   // 2**61
        ("-2305843009213693952", -2),                 // -(2**61)
        ("18446744073709551616", 8),                  // 2**64
        ("-18446744073709551616", -8),
        ("9223372036854775808", 4), // 2**63
        ("-9223372036854775808", -4),
        ("1267650600228229401496703205376", 549755813888), // 2**100
        ("-147808829414345923316083210206383297601", -1621833479614294590), // -(3**80)
        ("1000000000000000000000000000000", 465258685558744706), // 10**30
    ];
    for (text, expected) in ints {
        let value = n(text);
        assert_eq!(value.hash(), expected, "hash({text})");
        if let Some(small) = value.to_i64() {
            assert_eq!(hash_i64(small), expected, "hash({text}) as i64");
        }
    }
    #[rustfmt::skip]
    let floats = [
        (0.0, 0),
        (-0.0, 0),
        (1.0, 1),
        (-1.0, -2),
        (0.5, 1152921504606846976),
        (-0.5, -1152921504606846976),
        (1.5, 1152921504606846977),
        (1e300, 1224995262755759164),
        (5e-324, 16777216),
        (2305843009213693952.0, 1), // 2.0**61
        (9223372036854775808.0, 4), // 2.0**63
        (1e-300, 482449582752280463),
        (123456.789, 1819310134279660096),
        (f64::INFINITY, 314159),
        (f64::NEG_INFINITY, -314159),
    ];
    for (x, expected) in floats {
        assert_eq!(hash_f64(x), Some(expected), "hash({x})");
    }
    assert_eq!(hash_f64(f64::NAN), None);
}

#[test]
fn digits_in_power_of_two_bases_and_others() {
    // abs(n) in hex, octal, binary and decimal
    #[rustfmt::skip]
    let rows = [
        ("0", "0", "0", "0", "0"),
        ("255", "ff", "377", "11111111", "255"),
        ("-255", "ff", "377", "11111111", "255"),
        ("18446744073709551616", "10000000000000000", "2000000000000000000000", "10000000000000000000000000000000000000000000000000000000000000000", "18446744073709551616"),
        ("-18446744073709551617", "10000000000000001", "2000000000000000000001", "10000000000000000000000000000000000000000000000000000000000000001", "18446744073709551617"),
        ("12157665459056928801", "a8b8b452291fe821", "1242705505105107764041", "1010100010111000101101000101001000101001000111111110100000100001", "12157665459056928801"),
    ];
    for (text, hex, octal, binary, decimal) in rows {
        let value = n(text);
        assert_eq!(value.to_str_radix(16).unwrap(), hex);
        assert_eq!(value.to_str_radix(8).unwrap(), octal);
        assert_eq!(value.to_str_radix(2).unwrap(), binary);
        assert_eq!(value.to_str_radix(10).unwrap(), decimal);
    }
    // format(2**100-1, 'x'), format(2**100-1, 'o'); base 36 as int(..., 36) reads it
    let value = &two_to(100) - &n("1");
    assert_eq!(value.to_str_radix(16).unwrap(), "fffffffffffffffffffffffff");
    assert_eq!(
        value.to_str_radix(8).unwrap(),
        "1777777777777777777777777777777777"
    );
    assert_eq!(
        BigInt::parse(&value.to_str_radix(36).unwrap(), 36).unwrap(),
        value
    );
    assert_eq!(format!("{:>8}", n("-42")), "     -42");
}

#[test]
fn str_refuses_more_than_4300_digits() {
    // len(str(10**4300 - 1)) == 4300; str(-(10**4300 - 1)) has 4301 characters and passes.
    let largest = &n("10").pow(4300) - &n("1");
    assert_eq!(largest.to_decimal_string().unwrap().len(), 4300);
    assert_eq!((-&largest).to_decimal_string().unwrap().len(), 4301);
    let message = "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit";
    assert_eq!(n("10").pow(4300).to_decimal_string(), Err(message));
    assert_eq!(two_to(100000).to_decimal_string(), Err(message));
    // hex(2**100000) is not limited: 0x, a 1 and 25000 zeros.
    assert_eq!(two_to(100000).to_str_radix(16).unwrap().len(), 25001);
}

#[test]
fn int_from_text_follows_cpython() {
    #[rustfmt::skip]
    let valid = [
        (" 12 ", 10, "12"),
        ("\u{3000} 12 \u{2003}", 10, "12"),
        ("１２３", 10, "123"),
        ("٣", 10, "3"),
        ("١_٢", 10, "12"),
        ("1_000", 10, "1000"),
        ("0x_f", 16, "15"),
        ("0x_f", 0, "15"),
        ("0XF", 16, "15"),
        ("0b1", 16, "177"),
        ("0b101", 2, "5"),
        ("0o17", 8, "15"),
        ("-0x10", 0, "-16"),
        ("00", 0, "0"),
        ("0_0", 0, "0"),
        ("-0", 10, "0"),
        ("z", 36, "35"),
        ("Z", 36, "35"),
        ("-18446744073709551616", 10, "-18446744073709551616"),
        ("+ffffffffffffffffffff", 16, "1208925819614629174706175"),
        ("\t\n12\r\x0b\x0c", 10, "12"),
    ];
    for (text, base, expected) in valid {
        assert_eq!(
            BigInt::parse(text, base).map(|value| value.to_string()),
            Ok(expected.to_string()),
            "int({text:?}, {base})"
        );
    }
    // The text's repr, as the caller would pass it, and the message python3 prints.
    #[rustfmt::skip]
    let invalid = [
        ("x", 10, "'x'", "invalid literal for int() with base 10: 'x'"),
        ("\x1c5", 10, "'\\x1c5'", "invalid literal for int() with base 10: '\\x1c5'"),
        ("1__0", 10, "'1__0'", "invalid literal for int() with base 10: '1__0'"),
        ("_1", 10, "'_1'", "invalid literal for int() with base 10: '_1'"),
        ("1_", 10, "'1_'", "invalid literal for int() with base 10: '1_'"),
        ("010", 0, "'010'", "invalid literal for int() with base 0: '010'"),
        ("0_7", 0, "'0_7'", "invalid literal for int() with base 0: '0_7'"),
        ("- 1", 10, "'- 1'", "invalid literal for int() with base 10: '- 1'"),
        ("+-1", 10, "'+-1'", "invalid literal for int() with base 10: '+-1'"),
        ("", 10, "''", "invalid literal for int() with base 10: ''"),
        ("  ", 10, "'  '", "invalid literal for int() with base 10: '  '"),
        ("0x", 16, "'0x'", "invalid literal for int() with base 16: '0x'"),
        ("0b", 0, "'0b'", "invalid literal for int() with base 0: '0b'"),
        ("12", 2, "'12'", "invalid literal for int() with base 2: '12'"),
        ("9", 8, "'9'", "invalid literal for int() with base 8: '9'"),
        ("1.5", 10, "'1.5'", "invalid literal for int() with base 10: '1.5'"),
        ("1e5", 10, "'1e5'", "invalid literal for int() with base 10: '1e5'"),
        ("1 1", 10, "'1 1'", "invalid literal for int() with base 10: '1 1'"),
        ("it's", 10, "\"it's\"", "invalid literal for int() with base 10: \"it's\""),
        ("1", 1, "'1'", "int() base must be >= 2 and <= 36, or 0"),
        ("1", 37, "'1'", "int() base must be >= 2 and <= 36, or 0"),
    ];
    for (text, base, repr, message) in invalid {
        let error = BigInt::parse(text, base).expect_err(text);
        assert_eq!(error.message(repr), message, "int({text:?}, {base})");
    }
    // int('a' * 300): the repr is cut to 200 characters, its opening quote included.
    let repr = format!("'{}'", "a".repeat(300));
    let message = BigInt::parse(&"a".repeat(300), 10)
        .unwrap_err()
        .message(&repr);
    assert_eq!(
        message,
        format!(
            "invalid literal for int() with base 10: '{}",
            "a".repeat(199)
        )
    );
}

#[test]
fn int_from_text_refuses_more_than_4300_digits() {
    let message = |digits: usize| {
        format!(
            "Exceeds the limit (4300 digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
        )
    };
    let refused = |text: &str, base: u32| BigInt::parse(text, base).unwrap_err().message("unused");
    assert_eq!(
        BigInt::parse(&"1".repeat(4300), 10)
            .unwrap()
            .to_decimal_string()
            .unwrap()
            .len(),
        4300
    );
    assert_eq!(refused(&"1".repeat(4301), 10), message(4301));
    // Leading zeros and a sign count or not as in CPython; underscores do not count.
    assert_eq!(refused(&"0".repeat(5000), 10), message(5000));
    assert_eq!(
        refused(&format!("-{}", "1".repeat(4301)), 10),
        message(4301)
    );
    assert_eq!(
        refused(&format!("{}1", "1_".repeat(4300)), 0),
        message(4301)
    );
    assert_eq!(refused(&"1".repeat(4301), 36), message(4301));
    // The limit is checked when the digits end, before what follows them...
    assert_eq!(
        refused(&format!("{}x", "1".repeat(5000)), 10),
        message(5000)
    );
    // ...but after the underscores between them.
    assert!(refused(&format!("{}_", "1".repeat(4301)), 10).starts_with("invalid literal"));
    // Bases that are powers of two are exempt.
    assert_eq!(
        BigInt::parse(&"1".repeat(5000), 16).unwrap().bit_length(),
        20000 - 3
    );
    assert_eq!(
        BigInt::parse(&format!("0b{}", "1".repeat(5000)), 0)
            .unwrap()
            .bit_length(),
        5000
    );
    let error = check_str_digits_to_int(4301, 10).unwrap_err();
    assert_eq!(error.message("unused"), message(4301));
    assert_eq!(check_str_digits_to_int(4301, 8), Ok(()));
    assert_eq!(check_str_digits_to_int(4300, 10), Ok(()));
}

#[test]
fn from_str_radix_reads_checked_digits() {
    assert_eq!(
        BigInt::from_str_radix("18446744073709551616", 10),
        Some(two_to(64))
    );
    assert_eq!(
        BigInt::from_str_radix("ffffffffffffffff", 16),
        Some(BigInt::from(u64::MAX))
    );
    assert_eq!(
        BigInt::from_str_radix("FFFFFFFFFFFFFFFF", 16),
        Some(BigInt::from(u64::MAX))
    );
    assert_eq!(
        BigInt::from_str_radix("7777777777777777777777", 8),
        Some(&two_to(66) - &n("1"))
    );
    assert_eq!(BigInt::from_str_radix("0000", 2), Some(BigInt::zero()));
    assert_eq!(BigInt::from_str_radix("", 10), None);
    assert_eq!(BigInt::from_str_radix("12a", 10), None);
    assert_eq!(BigInt::from_str_radix("-1", 10), None);
}

#[test]
fn factorial_of_1000_prints_2568_digits() {
    let factorial =
        (1..=1000i64).fold(BigInt::from(1i64), |product, k| &product * &BigInt::from(k));
    let text = factorial.to_decimal_string().unwrap();
    // len(str(math.factorial(1000))), its first digits, and the 249 trailing zeros
    assert_eq!(text.len(), 2568);
    assert!(text.starts_with("402387260077093773543702433923003985719374864210"));
    assert_eq!(text.len() - text.trim_end_matches('0').len(), 249);
    assert_eq!(BigInt::parse(&text, 10).unwrap(), factorial);
}

/// A xorshift64 generator: deterministic, so a failure replays.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// An i64 biased toward limb boundaries: sometimes a power of two nearby, sometimes
    /// a random width.
    fn operand(&mut self) -> i64 {
        let bits = self.next() % 64;
        let value = match self.next() % 4 {
            0 => (1i64 << bits.min(62)) + (self.next() % 5) as i64 - 2,
            _ => (self.next() >> (63 - bits)) as i64,
        };
        if self.next().is_multiple_of(2) {
            value
        } else {
            value.wrapping_neg()
        }
    }
}

#[test]
fn agrees_with_i128_arithmetic_where_both_fit() {
    let mut random = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let (a, b) = (random.operand(), random.operand());
        let (x, y) = (BigInt::from(a), BigInt::from(b));
        let (a, b) = (i128::from(a), i128::from(b));
        assert_eq!(&x + &y, BigInt::from(a + b), "{a} + {b}");
        assert_eq!(&x - &y, BigInt::from(a - b), "{a} - {b}");
        assert_eq!(&x * &y, BigInt::from(a * b), "{a} * {b}");
        assert_eq!(&x & &y, BigInt::from(a & b), "{a} & {b}");
        assert_eq!(&x | &y, BigInt::from(a | b), "{a} | {b}");
        assert_eq!(&x ^ &y, BigInt::from(a ^ b), "{a} ^ {b}");
        assert_eq!(!&x, BigInt::from(!a), "~{a}");
        let shift = random.next() % 64;
        assert_eq!(&x << shift, BigInt::from(a << shift), "{a} << {shift}");
        assert_eq!(&x >> shift, BigInt::from(a >> shift), "{a} >> {shift}");
        assert_eq!(x.cmp(&y), a.cmp(&b), "{a} vs {b}");
        assert_eq!(x.to_string(), a.to_string());
        assert_eq!(x.to_f64(), Ok(a as f64), "float({a})");
        if b != 0 {
            // Python's floor division and modulo, from Rust's truncating ones.
            let (mut q, mut r) = (a / b, a % b);
            if r != 0 && (r < 0) != (b < 0) {
                (q, r) = (q - 1, r + b);
            }
            assert_eq!(
                x.div_mod_floor(&y),
                Some((BigInt::from(q), BigInt::from(r))),
                "divmod({a}, {b})"
            );
        }
        let product = &x * &y;
        if let Ok(small) = i64::try_from(a * b) {
            assert_eq!(product.hash(), hash_i64(small));
            assert_eq!(product.to_i64(), Some(small));
        } else {
            assert_eq!(product.to_i64(), None);
        }
    }
}
