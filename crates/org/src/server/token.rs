//! The HTTP API's bearer token: how much randomness one holds, and a new
//! one.
//!
//! Whoever has the token can store files and read every customer's
//! answers, and a server may be reachable from a whole network, so
//! `regie-org serve` refuses a token that could be guessed: fewer than
//! [`MIN_BITS`] bits of randomness. The bits of a text cannot be known
//! from the text, so [`estimated_bits`] errs low: it takes the token for
//! random characters from the smallest alphabet that explains it, counts
//! nothing for a character that repeats or continues the one before it,
//! and reads a token of letters only as words. A 3-character token, a
//! word or a phrase is refused; 32 random bytes written out (as
//! [`generate`] does, or `openssl rand -hex 32`) pass by far.

use std::path::Path;

/// The least randomness a token must hold.
pub const MIN_BITS: u32 = 128;

/// What a letter of a token made of words is worth: written language
/// carries about this much per letter, far less than a random letter.
const BITS_PER_LETTER_OF_WORDS: f64 = 2.0;

/// A conservative estimate of the bits of randomness in `token`:
///
/// - the alphabet is 16 for a token of hexadecimal digits (one case,
///   dashes between them counting for nothing, as in a UUID); otherwise 26 for lower-case letters, 26 for capitals, 10 for digits
///   and 33 for anything else, for each of these kinds the token uses;
/// - each character is worth log2 of the smaller of the alphabet and the
///   number of different characters in the token;
/// - a character equal to the one before it, or next to it in order
///   (`b` after `a`, `3` after `4`), is worth nothing;
/// - a token of letters and separators only (no digits) is taken for
///   words: [`BITS_PER_LETTER_OF_WORDS`] a letter at most.
pub fn estimated_bits(token: &str) -> u32 {
    let all: Vec<char> = token.chars().collect();
    let is_hex = |digits: std::ops::RangeInclusive<char>| {
        all.iter()
            .all(|c| c.is_ascii_digit() || digits.contains(c) || *c == '-')
            && all.iter().any(|c| *c != '-')
    };
    let hex = is_hex('a'..='f') || is_hex('A'..='F');
    // Dashes between hexadecimal digits only separate groups.
    let chars: Vec<char> = if hex {
        all.into_iter().filter(|c| *c != '-').collect()
    } else {
        all
    };
    let alphabet = if hex {
        16
    } else {
        let uses = |f: fn(&char) -> bool| chars.iter().any(f);
        let mut n = 0;
        if uses(|c| c.is_ascii_lowercase()) {
            n += 26;
        }
        if uses(|c| c.is_ascii_uppercase()) {
            n += 26;
        }
        if uses(|c| c.is_ascii_digit()) {
            n += 10;
        }
        if uses(|c| !c.is_ascii_alphanumeric()) {
            n += 33;
        }
        n
    };
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let mut per_char = (alphabet.min(distinct.len()).max(1) as f64).log2();
    let words = chars.iter().any(|c| c.is_alphabetic()) && !chars.iter().any(char::is_ascii_digit);
    if words {
        per_char = per_char.min(BITS_PER_LETTER_OF_WORDS);
    }
    let counted = chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            i == 0 || (i64::from(u32::from(*c)) - i64::from(u32::from(chars[i - 1]))).abs() > 1
        })
        .count();
    (counted as f64 * per_char).floor() as u32
}

/// A new token: 32 bytes from the operating system's random source, as 64
/// lower-case hexadecimal digits (256 bits). The estimate of such a token
/// is about 211 bits on average, and below 160 for about one in 10,000;
/// one that [`estimated_bits`] would refuse (far rarer still) is drawn
/// again, so that `serve` takes every token made here.
pub fn generate() -> std::io::Result<String> {
    loop {
        let mut bytes = [0u8; 32];
        getrandom::getrandom(&mut bytes).map_err(|e| match e.raw_os_error() {
            Some(n) => std::io::Error::from_raw_os_error(n),
            None => std::io::Error::other("the system has no source of randomness"),
        })?;
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        if estimated_bits(&token) >= MIN_BITS {
            return Ok(token);
        }
    }
}

/// Writes a new token to `path`, which must not exist yet, readable by
/// its owner only (0600 on Unix, whatever the umask). If writing fails,
/// the file is removed again.
pub fn write_new(path: &Path) -> std::io::Result<()> {
    let token = generate()?;
    crate::private_file::write_new(path, format!("{token}\n").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: a 3-character token was accepted.
    #[test]
    fn short_tokens_words_and_patterns_are_estimated_low() {
        for weak in [
            "",
            "abc",
            "x",
            "secret",
            "wachtwoord",
            "correct horse battery staple",
            "Correct-Horse-Battery-Staple-Donkey-Elephant-Xylophone",
            "test-token-0123456789",
            "passwordpasswordpassword12",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz",
            // A version-4 UUID holds 122 random bits.
            "1b4e28ba-2fa1-41d2-883f-0016d3cca427",
        ] {
            let bits = estimated_bits(weak);
            assert!(bits < MIN_BITS, "{weak:?}: {bits}");
        }
        assert_eq!(estimated_bits("abc"), 1);
    }

    #[test]
    fn tokens_of_32_random_bytes_pass_in_the_usual_spellings() {
        for strong in [
            // openssl rand -hex 32
            "9c1f0b7e3a5d2468f1e0c9b8a7d6e5f40312a9b8c7d6e5f4a3b2c1d0e9f8a7b6",
            // openssl rand -base64 32
            "q0J4Lm7u2Yk9Rz+X1cV8bN3sT6wE5hA/gP0dF4iK7oM=",
            // base64url without padding
            "Xk3_rT9wQ2mZ7vB-nL5cY8hJ1dF6gS0aP4eU3iO9tRw",
        ] {
            let bits = estimated_bits(strong);
            assert!(bits >= MIN_BITS, "{strong:?}: {bits}");
        }
    }

    /// The estimate errs low: random tokens of up to 16 bytes, written in
    /// hexadecimal, never get more bits than they hold.
    #[test]
    fn the_estimate_never_exceeds_the_randomness_of_short_random_tokens() {
        for n in [4usize, 8, 12, 16] {
            for _ in 0..500 {
                let t = generate().unwrap();
                let short = &t[..2 * n];
                let bits = estimated_bits(short);
                assert!(bits <= 8 * n as u32, "{short}: {bits} > {}", 8 * n);
            }
        }
    }

    /// Every token this program makes passes its own bar, by far on
    /// average.
    #[test]
    fn generated_tokens_pass_by_far() {
        let mut total = 0u64;
        for _ in 0..2000 {
            let t = generate().unwrap();
            assert_eq!(t.len(), 64);
            assert!(t.bytes().all(|b| b.is_ascii_hexdigit()));
            let bits = estimated_bits(&t);
            assert!(bits >= MIN_BITS, "{t}: {bits}");
            total += u64::from(bits);
        }
        let mean = total / 2000;
        assert!((200..=220).contains(&mean), "mean estimate {mean}");
    }
}
