//! When an organisation must answer: GDPR Art. 12(3) as the EDPB reads it.
//!
//! An organisation must answer a request "within one month of receipt"
//! (Art. 12(3) GDPR), and may extend that by two further months once, if
//! it tells the person so within the first month. The EDPB's guidelines on
//! the right of access (01/2022) count that month with Regulation (EEC,
//! Euratom) No 1182/71 on periods, dates and time limits:
//!
//! 1. The day of receipt itself does not count (Art. 3(1)); the month ends
//!    at the end of the day in the next month with the same date
//!    (Art. 3(2)(c)): received on 5 March, due on 5 April.
//! 2. When the next month has no such date, the month ends on its last day
//!    (Art. 3(2)(c)): received on 31 January, due on 28 February (29 in a
//!    leap year); received on 31 March, due on 30 April.
//! 3. When that day is a Saturday, a Sunday or a public holiday, the
//!    period ends at the end of the next working day (Art. 3(4)).
//!
//! An extension adds "two further months". Counted as one period of
//! three months from receipt, a request received on 31 January 2026 would
//! be due on 30 April; counted as two months after the end of the first
//! month (moved to Monday 2 March, since 28 February is a Saturday), on 2
//! May, a Saturday, so on Monday 4 May. The law does not settle which, so
//! Regie takes the later of the two (see below why).
//!
//! **Public holidays** are those of the Netherlands, where the person asks
//! and the organisation is to act (Regulation 1182/71 Art. 2(1)): the
//! "algemeen erkende feestdagen" of the Algemene termijnenwet, Art. 3, which
//! is also what Dutch law uses to move its own deadlines:
//!
//! - Nieuwjaarsdag (1 January);
//! - Goede Vrijdag (Art. 3(2) of that law puts it on a par with the
//!   others);
//! - Eerste and Tweede Paasdag (Easter Sunday and Monday);
//! - Koningsdag: 27 April, or 26 April when the 27th is a Sunday;
//! - Bevrijdingsdag, 5 May, **every year**: the law names "de vijfde mei"
//!   without condition. That it is a day off only once in five years is a
//!   matter of collective labour agreements, not of legal deadlines;
//! - Hemelvaartsdag (39 days after Easter);
//! - Eerste and Tweede Pinksterdag (49 and 50 days after Easter);
//! - Eerste and Tweede Kerstdag (25 and 26 December).
//!
//! Easter is computed (the Gregorian computus), not looked up in a table,
//! so every year works. Days that the government puts on a par with these
//! by decree now and then (Art. 3(3) of that law, such as a Friday between
//! a holiday and a weekend) are not known in advance and not counted.
//!
//! Where the rule leaves room, Regie takes the later date: a deadline a
//! day too late costs the person one day of waiting; a deadline a day too
//! early would call an organisation late that is not. That is why Goede
//! Vrijdag and every 5 May count, and why a letter sent by post counts as
//! received two working days after posting unless the person records the
//! day it was delivered.
//!
//! The dates given run from 25 May 2018, when the GDPR began to apply, up
//! to the end of 9998; anything else is [`Error::DateOutOfRange`], never a
//! panic. Koningsdag is counted as it has been since 2014.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regie_model::Text;
use serde::Serialize;

use crate::error::Error;

/// The first day the GDPR applied.
pub const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2018, 5, 25) {
    Some(d) => d,
    None => unreachable!(),
};

/// The last day Regie accepts as a date given to it.
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(9998, 12, 31) {
    Some(d) => d,
    None => unreachable!(),
};

/// Checks that a date is one Regie can count with.
pub fn check(date: NaiveDate) -> Result<NaiveDate, Error> {
    if (FIRST_DAY..=LAST_DAY).contains(&date) {
        Ok(date)
    } else {
        Err(Error::DateOutOfRange(date))
    }
}

/// A Dutch public holiday (Algemene termijnenwet, Art. 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Holiday {
    /// Nieuwjaarsdag, 1 January.
    NewYear,
    /// Goede Vrijdag, two days before Easter.
    GoodFriday,
    /// Eerste Paasdag.
    EasterSunday,
    /// Tweede Paasdag.
    EasterMonday,
    /// Koningsdag: 27 April, or the 26th when the 27th is a Sunday.
    KingsDay,
    /// Bevrijdingsdag, 5 May.
    LiberationDay,
    /// Hemelvaartsdag, 39 days after Easter.
    Ascension,
    /// Eerste Pinksterdag, 49 days after Easter.
    WhitSunday,
    /// Tweede Pinksterdag, 50 days after Easter.
    WhitMonday,
    /// Eerste Kerstdag, 25 December.
    Christmas,
    /// Tweede Kerstdag, 26 December.
    BoxingDay,
}

impl Holiday {
    /// Its name.
    pub fn label(self) -> Text {
        let (nl, en) = match self {
            Holiday::NewYear => ("Nieuwjaarsdag", "New Year's Day"),
            Holiday::GoodFriday => ("Goede Vrijdag", "Good Friday"),
            Holiday::EasterSunday => ("Eerste Paasdag", "Easter Sunday"),
            Holiday::EasterMonday => ("Tweede Paasdag", "Easter Monday"),
            Holiday::KingsDay => ("Koningsdag", "King's Day"),
            Holiday::LiberationDay => ("Bevrijdingsdag", "Liberation Day"),
            Holiday::Ascension => ("Hemelvaartsdag", "Ascension Day"),
            Holiday::WhitSunday => ("Eerste Pinksterdag", "Whit Sunday"),
            Holiday::WhitMonday => ("Tweede Pinksterdag", "Whit Monday"),
            Holiday::Christmas => ("Eerste Kerstdag", "Christmas Day"),
            Holiday::BoxingDay => ("Tweede Kerstdag", "Boxing Day"),
        };
        Text { nl, en }
    }
}

/// Easter Sunday of a year of the Gregorian calendar (the anonymous
/// Gregorian computus, as Meeus gives it). `None` for years chrono cannot
/// hold.
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// The public holiday on a date, if any.
pub fn holiday(date: NaiveDate) -> Option<Holiday> {
    let (m, d) = (date.month(), date.day());
    match (m, d) {
        (1, 1) => return Some(Holiday::NewYear),
        (5, 5) => return Some(Holiday::LiberationDay),
        (12, 25) => return Some(Holiday::Christmas),
        (12, 26) => return Some(Holiday::BoxingDay),
        (4, 27) if date.weekday() != Weekday::Sun => return Some(Holiday::KingsDay),
        (4, 26) if date.weekday() == Weekday::Sat => return Some(Holiday::KingsDay),
        _ => {}
    }
    let easter = easter(date.year())?;
    match date.signed_duration_since(easter).num_days() {
        -2 => Some(Holiday::GoodFriday),
        0 => Some(Holiday::EasterSunday),
        1 => Some(Holiday::EasterMonday),
        39 => Some(Holiday::Ascension),
        49 => Some(Holiday::WhitSunday),
        50 => Some(Holiday::WhitMonday),
        _ => None,
    }
}

/// Every public holiday of a year, in date order.
pub fn holidays(year: i32) -> Vec<(NaiveDate, Holiday)> {
    let Some(first) = NaiveDate::from_ymd_opt(year, 1, 1) else {
        return Vec::new();
    };
    first
        .iter_days()
        .take_while(|d| d.year() == year)
        .filter_map(|d| holiday(d).map(|h| (d, h)))
        .collect()
}

/// Whether a date is a working day: not a Saturday, a Sunday or a public
/// holiday.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && holiday(date).is_none()
}

/// The date itself when it is a working day, otherwise the first working
/// day after it.
pub fn working_day_from(date: NaiveDate) -> Result<NaiveDate, Error> {
    roll(check(date)?).ok_or(Error::DateOutOfRange(date))
}

/// [`working_day_from`] for a date already counted from a checked one.
fn roll(mut d: NaiveDate) -> Option<NaiveDate> {
    // Never more than four days in a row are not working days (Easter:
    // Friday to Monday), so this ends quickly.
    while !is_working_day(d) {
        d = d.succ_opt()?;
    }
    Some(d)
}

/// The end of a period of `months` months that starts on the day after
/// `from` (Regulation 1182/71 Art. 3(2)(c)): the same date `months` months
/// later, or the last day of that month when it has no such date. Not yet
/// moved to a working day.
pub fn months_after(from: NaiveDate, months: u32) -> Result<NaiveDate, Error> {
    check(from)?;
    // chrono's month arithmetic clamps to the month's last day, which is
    // exactly rule 2.
    from.checked_add_months(Months::new(months))
        .ok_or(Error::DateOutOfRange(from))
}

/// The day an organisation must have answered by, for a request it
/// received on `received`: one month, moved to the next working day; when
/// extended, the later of three months from receipt and two months after
/// that first day, each moved to a working day.
pub fn due_date(received: NaiveDate, extended: bool) -> Result<NaiveDate, Error> {
    let out = || Error::DateOutOfRange(received);
    let first = roll(months_after(received, 1)?).ok_or_else(out)?;
    if !extended {
        return Ok(first);
    }
    let whole = roll(months_after(received, 3)?).ok_or_else(out)?;
    let added = first
        .checked_add_months(Months::new(2))
        .and_then(roll)
        .ok_or_else(out)?;
    Ok(whole.max(added))
}

/// How many working days a letter sent by post is taken to need, unless
/// the person records the day it was delivered.
pub const POST_WORKING_DAYS: u32 = 2;

/// The day a letter posted on `posted` is taken to arrive: two working
/// days later ([`POST_WORKING_DAYS`]).
pub fn post_arrival(posted: NaiveDate) -> Result<NaiveDate, Error> {
    let mut d = check(posted)?;
    for _ in 0..POST_WORKING_DAYS {
        d = d
            .checked_add_days(Days::new(1))
            .and_then(roll)
            .ok_or(Error::DateOutOfRange(posted))?;
    }
    Ok(d)
}
