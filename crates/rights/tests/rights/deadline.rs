//! Deadlines: Art. 12(3) GDPR counted with Regulation 1182/71 and Dutch
//! public holidays, at the edges where a mistake would show.

use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;
use regie_rights::deadline::{self, Holiday};
use regie_rights::{Error, ErrorCode};

use crate::common::d;

fn due(y: i32, m: u32, day: u32) -> NaiveDate {
    deadline::due_date(d(y, m, day), false).unwrap()
}

#[test]
fn the_same_date_in_the_next_month() {
    // EDPB: received 5 March, due 5 April (2025: a Saturday, so Monday 7).
    assert_eq!(due(2026, 3, 5), d(2026, 4, 7)); // 5 April 2026 is Easter Sunday, the 6th Easter Monday
    assert_eq!(due(2026, 6, 10), d(2026, 7, 10));
    assert_eq!(due(2025, 3, 5), d(2025, 4, 7));
}

#[test]
fn thirty_first_of_january_ends_on_the_last_day_of_february() {
    // 2025: 28 February is a Friday.
    assert_eq!(due(2025, 1, 31), d(2025, 2, 28));
    // 2024, a leap year: 29 February, a Thursday.
    assert_eq!(due(2024, 1, 31), d(2024, 2, 29));
    // 2026: 28 February is a Saturday, so Monday 2 March.
    assert_eq!(due(2026, 1, 31), d(2026, 3, 2));
    // 31 March: April has no 31st.
    assert_eq!(due(2026, 3, 31), d(2026, 4, 30));
}

#[test]
fn twenty_ninth_of_february_leap_and_not() {
    // Received 29 January: 29 February in a leap year, 28 February otherwise.
    assert_eq!(due(2024, 1, 29), d(2024, 2, 29));
    assert_eq!(due(2025, 1, 29), d(2025, 2, 28));
    assert_eq!(due(2027, 1, 29), d(2027, 3, 1)); // 28 February 2027 is a Sunday
                                                 // Received on 29 February 2024: 29 March is Good Friday, then Easter
                                                 // Saturday, Sunday and Monday: Tuesday 2 April.
    assert_eq!(due(2024, 2, 29), d(2024, 4, 2));
    // Received on 28 February of a year without a 29th: 28 March.
    assert_eq!(due(2025, 2, 28), d(2025, 3, 28));
}

#[test]
fn koningsdag_on_a_sunday_is_celebrated_on_saturday_the_26th() {
    // 27 April 2025 is a Sunday: Koningsdag is Saturday the 26th.
    assert_eq!(d(2025, 4, 27).weekday(), Weekday::Sun);
    assert_eq!(deadline::holiday(d(2025, 4, 26)), Some(Holiday::KingsDay));
    assert_eq!(deadline::holiday(d(2025, 4, 27)), None);
    let days: Vec<NaiveDate> = deadline::holidays(2025)
        .into_iter()
        .filter(|(_, h)| *h == Holiday::KingsDay)
        .map(|(d, _)| d)
        .collect();
    assert_eq!(days, [d(2025, 4, 26)]);
    // Due on that Saturday: Monday the 28th.
    assert_eq!(due(2025, 3, 26), d(2025, 4, 28));
    // On a weekday it moves the deadline: Monday 27 April 2026.
    assert_eq!(deadline::holiday(d(2026, 4, 27)), Some(Holiday::KingsDay));
    assert_eq!(due(2026, 3, 27), d(2026, 4, 28));
    // 2031: the 27th is a Sunday again.
    assert_eq!(deadline::holiday(d(2031, 4, 26)), Some(Holiday::KingsDay));
}

#[test]
fn christmas_and_the_year_end() {
    // 25 December 2026 is a Friday: Christmas, Boxing Day, Sunday, Monday.
    assert_eq!(due(2026, 11, 25), d(2026, 12, 28));
    // Boxing Day on a Thursday (2024): Friday the 27th.
    assert_eq!(due(2024, 11, 26), d(2024, 12, 27));
    // Christmas Eve is a working day.
    assert_eq!(due(2025, 11, 24), d(2025, 12, 24));
    // New Year's Day 2026 is a Thursday: Friday 2 January.
    assert_eq!(due(2025, 12, 1), d(2026, 1, 2));
    // Received on 31 December: into the next year, a Saturday: Monday.
    assert_eq!(due(2025, 12, 31), d(2026, 2, 2));
    assert_eq!(due(2025, 11, 30), d(2025, 12, 30));
}

#[test]
fn easter_monday_good_friday_ascension_whit_monday() {
    // Easter 2026: 5 April.
    assert_eq!(deadline::easter(2026), Some(d(2026, 4, 5)));
    assert_eq!(due(2026, 3, 6), d(2026, 4, 7)); // Easter Monday the 6th
    assert_eq!(due(2026, 3, 3), d(2026, 4, 7)); // Good Friday the 3rd, then Easter
    assert_eq!(due(2026, 4, 14), d(2026, 5, 15)); // Ascension Day the 14th
    assert_eq!(due(2026, 4, 25), d(2026, 5, 26)); // Whit Monday the 25th
}

#[test]
fn bevrijdingsdag_counts_every_year() {
    // Regie counts 5 May every year, as the Algemene termijnenwet does
    // (2026 is not a year of five).
    assert_eq!(
        deadline::holiday(d(2026, 5, 5)),
        Some(Holiday::LiberationDay)
    );
    assert_eq!(
        deadline::holiday(d(2025, 5, 5)),
        Some(Holiday::LiberationDay)
    );
    assert_eq!(due(2026, 4, 5), d(2026, 5, 6));
}

#[test]
fn the_holidays_of_a_year() {
    let got: Vec<(NaiveDate, Holiday)> = deadline::holidays(2026);
    let want = vec![
        (d(2026, 1, 1), Holiday::NewYear),
        (d(2026, 4, 3), Holiday::GoodFriday),
        (d(2026, 4, 5), Holiday::EasterSunday),
        (d(2026, 4, 6), Holiday::EasterMonday),
        (d(2026, 4, 27), Holiday::KingsDay),
        (d(2026, 5, 5), Holiday::LiberationDay),
        (d(2026, 5, 14), Holiday::Ascension),
        (d(2026, 5, 24), Holiday::WhitSunday),
        (d(2026, 5, 25), Holiday::WhitMonday),
        (d(2026, 12, 25), Holiday::Christmas),
        (d(2026, 12, 26), Holiday::BoxingDay),
    ];
    assert_eq!(got, want);
    for (_, h) in got {
        assert_ne!(h.label().nl, h.label().en);
    }
}

#[test]
fn easter_is_computed_not_looked_up() {
    for (y, m, day) in [
        (2000, 4, 23),
        (2008, 3, 23),
        (2011, 4, 24),
        (2019, 4, 21),
        (2024, 3, 31),
        (2025, 4, 20),
        (2027, 3, 28),
        (2038, 4, 25),
        (2285, 3, 22),
    ] {
        assert_eq!(deadline::easter(y), Some(d(y, m, day)), "{y}");
    }
    for y in 1583..=9999 {
        let e = deadline::easter(y).unwrap();
        assert_eq!(e.weekday(), Weekday::Sun, "{y}");
        assert!(e >= d(y, 3, 22) && e <= d(y, 4, 25), "{y}: {e}");
    }
}

#[test]
fn an_extension_takes_the_later_reading() {
    // Received 31 January 2026: three months from receipt is 30 April;
    // two months after the moved first deadline (2 March) is 2 May, a
    // Saturday: Monday 4 May.
    assert_eq!(deadline::due_date(d(2026, 1, 31), true), Ok(d(2026, 5, 4)));
    // Where both readings agree.
    assert_eq!(deadline::due_date(d(2026, 6, 10), true), Ok(d(2026, 9, 10)));
}

#[test]
fn a_posted_letter_arrives_two_working_days_later() {
    assert_eq!(deadline::post_arrival(d(2026, 3, 2)), Ok(d(2026, 3, 4)));
    // Posted on a Friday: Monday and Tuesday.
    assert_eq!(deadline::post_arrival(d(2026, 3, 6)), Ok(d(2026, 3, 10)));
    // Posted before Easter 2026: Thursday 2 April, then Tuesday 7 and
    // Wednesday 8.
    assert_eq!(deadline::post_arrival(d(2026, 4, 2)), Ok(d(2026, 4, 8)));
}

#[test]
fn dates_outside_the_gdpr_are_refused_not_panicked_on() {
    let before = d(2018, 5, 24);
    assert_eq!(
        deadline::due_date(before, false),
        Err(Error::DateOutOfRange(before))
    );
    assert_eq!(
        deadline::due_date(d(2018, 5, 25), false),
        Ok(d(2018, 6, 25))
    );
    for date in [NaiveDate::MIN, NaiveDate::MAX, d(9999, 1, 1), d(-5, 1, 1)] {
        let e = deadline::due_date(date, true).unwrap_err();
        assert_eq!(e.code(), ErrorCode::DateOutOfRange);
        assert!(deadline::post_arrival(date).is_err());
        assert!(deadline::working_day_from(date).is_err());
    }
    // The last day accepted still has deadlines.
    assert!(deadline::due_date(deadline::LAST_DAY, true).is_ok());
    assert!(deadline::post_arrival(deadline::LAST_DAY).is_ok());
    assert_eq!(deadline::holidays(i32::MAX), vec![]);
    assert_eq!(deadline::easter(i32::MAX), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_due_date_is_a_working_day_soon_after_the_month(
        days in 0i64..(deadline::LAST_DAY - deadline::FIRST_DAY).num_days(),
        extended in any::<bool>(),
    ) {
        let received = deadline::FIRST_DAY + chrono::Duration::days(days);
        let due = deadline::due_date(received, extended).unwrap();
        let end = deadline::months_after(received, if extended { 3 } else { 1 }).unwrap();
        prop_assert!(deadline::is_working_day(due));
        prop_assert!(due > received);
        prop_assert!(due >= end);
        // At most four days in a row are not working days (Easter), and
        // the later reading of an extension adds at most a few more.
        let slack = if extended { 8 } else { 4 };
        prop_assert!((due - end).num_days() <= slack, "{} days", (due - end).num_days());
        // An extension never shortens the deadline.
        prop_assert!(deadline::due_date(received, true).unwrap() >= deadline::due_date(received, false).unwrap());
    }

    #[test]
    fn any_date_gives_a_deadline_or_a_typed_error(days in any::<i32>()) {
        if let Some(date) = NaiveDate::from_num_days_from_ce_opt(days) {
            match deadline::due_date(date, false) {
                Ok(due) => prop_assert!(due > date),
                Err(e) => prop_assert_eq!(e, Error::DateOutOfRange(date)),
            }
        }
    }
}
