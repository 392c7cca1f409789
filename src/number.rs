//! Numbers as text, both ways, for the numbers the site writes: seconds of audio, playback
//! rates, shares of an article, megabytes.
//!
//! Why not `str::parse::<f64>` and `{}`: those bring core's general algorithms into the wasm
//! (Eisel-Lemire with its 10 KB table of powers of five for reading; Grisu and Dragon4 with
//! theirs for writing; serde_json's own float writer for the records kept on the device),
//! about 9 KB brotli in all (ARCHITECTURE.md "Wasm size"), for numbers that never need more
//! than millionths. Reading stays exact: what a decimal of up to 15 digits and an exponent up
//! to 22 means is computed exactly (one correctly rounded multiplication or division, as
//! Clinger's fast path); anything longer, which the site does not write, goes to the
//! platform's own correctly rounded reader (the browser's `parseFloat` in the wasm, Rust's
//! natively). Writing rounds to millionths, which is what `{}` writes for every number of up
//! to six decimals (tested).

/// Decimals [`show`] keeps.
const PLACES: u32 = 6;

/// Powers of ten that an f64 holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A number in JSON's grammar ("-12.5", "0.75", "3e-7"; not "01", "1.", ".5" or "+1"), to the
/// nearest f64. `None` for anything else.
pub fn parse(text: &str) -> Option<f64> {
    let decimal = Decimal::read(text)?;
    decimal.exact().or_else(|| platform(text))
}

/// `x` with at most six decimals, no exponent and no trailing zeros ("83.24", "0.75", "12"):
/// what `{}` writes for any number of up to six decimals. Not a number or infinite: "0".
pub fn show(x: f64) -> String {
    decimals(x, PLACES)
}

/// `x` rounded to `places` decimals (at most six), trailing zeros dropped.
pub fn decimals(x: f64, places: u32) -> String {
    if !x.is_finite() {
        return "0".to_string();
    }
    // Fewer decimals for large numbers: scaled below 2^51, x's own rounding and the scaling's
    // stay under a quarter of the last decimal, so the digits shown are x's (past that `as`
    // saturates, far beyond any number the site writes).
    let mut places = places.min(PLACES);
    while places > 0 && x.abs() * POW10[places as usize] >= 2_251_799_813_685_248.0 {
        places -= 1;
    }
    let scale = 10_u64.pow(places);
    let n = (x.abs() * scale as f64).round() as u64;
    let (whole, fraction) = (n / scale, n % scale);
    let mut out = String::new();
    if x < 0.0 && (whole, fraction) != (0, 0) {
        out.push('-');
    }
    out.push_str(&whole.to_string());
    if fraction != 0 {
        let digits = format!("{fraction:0width$}", width = places as usize);
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
    out
}

/// A decimal as written: its digits (the first 19 significant ones) and power of ten.
struct Decimal {
    negative: bool,
    digits: u64,
    exp: i32,
    /// Significant digits beyond the 19 kept were not all zero.
    truncated: bool,
}

impl Decimal {
    fn read(text: &str) -> Option<Self> {
        let b = text.as_bytes();
        let mut i = 0;
        let negative = b.first() == Some(&b'-');
        if negative {
            i += 1;
        }
        let mut d = Decimal {
            negative,
            digits: 0,
            exp: 0,
            truncated: false,
        };
        let start = i;
        while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            d.push(c - b'0', false);
            i += 1;
        }
        if i == start || (i - start > 1 && b[start] == b'0') {
            return None;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
                d.push(c - b'0', true);
                i += 1;
            }
            if i == start {
                return None;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            let minus = b.get(i) == Some(&b'-');
            if matches!(b.get(i), Some(b'-' | b'+')) {
                i += 1;
            }
            let start = i;
            let mut e: i32 = 0;
            while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
                // Far past any f64's range; capped so it cannot overflow.
                e = (e * 10 + i32::from(c - b'0')).min(100_000);
                i += 1;
            }
            if i == start {
                return None;
            }
            d.exp += if minus { -e } else { e };
        }
        (i == b.len()).then_some(d)
    }

    fn push(&mut self, digit: u8, after_point: bool) {
        if self.digits < 1_000_000_000_000_000_000 {
            self.digits = self.digits * 10 + u64::from(digit);
            if after_point {
                self.exp -= 1;
            }
        } else {
            self.truncated |= digit != 0;
            if !after_point {
                self.exp += 1;
            }
        }
    }

    /// The value, where one operation on exact operands gives it correctly rounded.
    fn exact(&self) -> Option<f64> {
        let value = if self.digits == 0 {
            0.0
        } else if self.truncated || self.digits > 1 << 53 || self.exp.abs() > 22 {
            return None;
        } else if self.exp >= 0 {
            self.digits as f64 * POW10[self.exp as usize]
        } else {
            self.digits as f64 / POW10[(-self.exp) as usize]
        };
        Some(if self.negative { -value } else { value })
    }
}

/// The platform's correctly rounded reader, for text [`Decimal::read`] accepted.
#[cfg(all(feature = "hydrate", target_arch = "wasm32"))]
fn platform(text: &str) -> Option<f64> {
    Some(js_sys::Number::parse_float(text))
}

#[cfg(not(all(feature = "hydrate", target_arch = "wasm32")))]
fn platform(text: &str) -> Option<f64> {
    text.parse().ok()
}

/// serde_json's writer with numbers written by [`show`], for the records kept on the device.
pub struct Formatter;

impl serde_json::ser::Formatter for Formatter {
    fn write_f64<W: ?Sized + std::io::Write>(&mut self, w: &mut W, x: f64) -> std::io::Result<()> {
        w.write_all(show(x).as_bytes())
    }

    fn write_f32<W: ?Sized + std::io::Write>(&mut self, w: &mut W, x: f32) -> std::io::Result<()> {
        w.write_all(show(f64::from(x)).as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so a failure names a case that can be rerun.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 11
        }
    }

    #[test]
    fn reads_every_decimal_as_rusts_reader_does() {
        let mut fixed = vec![
            "0",
            "-0",
            "1",
            "12.5",
            "0.75",
            "83.24",
            "754.25",
            "0.1",
            "0.3",
            "1e-7",
            "3e21",
            "1E+2",
            "-3e2",
            "0.001",
            "9007199254740991",
            "9007199254740993",
            "123456.789",
            "1e22",
            "1e23",
            "2.5e-300",
            "1.7976931348623157e308",
            "2e308",
            "4.9e-324",
            "1e-400",
            "0.30000000000000004",
            "123.45678901234567",
            "0e999",
            "1234567890123456789012345",
            "0.000000000000000000000000001",
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
        let mut rng = Lcg(7);
        for _ in 0..20_000 {
            let digits = rng.next() % 10_u64.pow(1 + (rng.next() % 17) as u32);
            let point = rng.next() % 19;
            let text = digits.to_string();
            let text = if (point as usize) < text.len() && point > 0 {
                format!("{}.{}", &text[..point as usize], &text[point as usize..])
            } else {
                text
            };
            fixed.push(match rng.next() % 4 {
                0 => format!("{text}e-{}", rng.next() % 30),
                1 => format!("-{text}e{}", rng.next() % 30),
                _ => text,
            });
        }
        for text in &fixed {
            // Rust's reader takes a leading zero ("01.5") that JSON does not.
            let json = !(text.trim_start_matches('-').starts_with('0')
                && text
                    .trim_start_matches('-')
                    .as_bytes()
                    .get(1)
                    .is_some_and(u8::is_ascii_digit));
            let ours = parse(text);
            if json {
                let theirs: f64 = text.parse().unwrap();
                assert_eq!(ours.map(f64::to_bits), Some(theirs.to_bits()), "{text}");
            } else {
                assert_eq!(ours, None, "{text}");
            }
        }
    }

    #[test]
    fn the_fast_path_alone_is_exact_where_it_answers() {
        let mut rng = Lcg(11);
        let mut answered = 0;
        for _ in 0..50_000 {
            let text = format!(
                "{}e{}",
                rng.next() % (1 << 53),
                (rng.next() % 45) as i32 - 22
            );
            if let Some(x) = Decimal::read(&text).unwrap().exact() {
                answered += 1;
                assert_eq!(
                    x.to_bits(),
                    text.parse::<f64>().unwrap().to_bits(),
                    "{text}"
                );
            }
        }
        assert!(answered > 40_000, "{answered}");
    }

    #[test]
    fn refuses_what_json_refuses() {
        for text in [
            "", "-", "+1", "01", "-01", "1.", ".5", "1e", "1e+", "--1", "1.2.3", "1e5.5", "0x10",
            "inf", "NaN", " 1", "1 ", "1_000",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn shows_what_display_shows_for_up_to_six_decimals() {
        let mut rng = Lcg(3);
        for _ in 0..50_000 {
            let places = (rng.next() % 7) as u32;
            let n = (rng.next() % 2_000_000_000_000) as i64 - 1_000_000_000_000;
            let x: f64 = format!("{n}e-{places}").parse().unwrap();
            assert_eq!(show(x), format!("{x}"), "{n}e-{places}");
        }
        for x in [0.0, 0.75, 1.25, 2.0, 83.24, 754.25, 0.95, 1e9, -12.5] {
            assert_eq!(show(x), format!("{x}"));
        }
    }

    #[test]
    fn rounds_to_the_places_asked_and_survives_the_odd_number() {
        assert_eq!(show(0.1234567), "0.123457");
        assert_eq!(show(2.0 / 3.0), "0.666667");
        assert_eq!(decimals(9.96, 1), "10");
        assert_eq!(decimals(12.04, 1), "12");
        assert_eq!(decimals(12.06, 1), "12.1");
        assert_eq!(decimals(-0.0000001, 6), "0");
        assert_eq!(show(-0.0), "0", "not \"-0\" as Display writes");
        assert_eq!(show(f64::NAN), "0");
        assert_eq!(show(f64::INFINITY), "0");
        assert_eq!(show(1e300), "18446744073709551615");
        for x in [0.0, 12.5, 83.24, 1234.567891, 0.000001] {
            assert_eq!(parse(&show(x)), Some(x));
        }
    }

    #[test]
    fn records_write_their_numbers_through_show() {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, Formatter);
        serde::Serialize::serialize(&(0.1234567, 2.0, f64::NAN), &mut ser).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "[0.123457,2,null]");
    }
}
