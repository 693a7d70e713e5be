//! `time`: the world's virtual clock. `time.time()` reads it, `time.sleep()` parks the
//! thread until it has moved on, and the calendar functions read it as UTC (the
//! zone of the page's world), as `TZ=UTC python3` would.

use std::rc::Rc;

use super::{
    StructSeq, TIMER_SLACK_NS, add_functions, c_args, new_module, not_an_integer, registered_class,
};
use crate::value::{Class, Module, Value};
use crate::vm::Vm;
use crate::vm::exceptions::error;
use crate::vm::int::as_int;
use crate::vm::native::{Args, PyResult};

/// `time.struct_time`'s field names, in tuple order.
const STRUCT_TIME_FIELDS: &[&str] = &[
    "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst",
];
const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Makes `time` for the current process.
pub fn make(vm: &mut Vm) -> Rc<Module> {
    let module = new_module("time", None);
    add_functions(
        &module,
        &[
            ("time", time),
            ("time_ns", time_ns),
            ("monotonic", time),
            ("monotonic_ns", time_ns),
            ("perf_counter", time),
            ("perf_counter_ns", time_ns),
            ("sleep", sleep),
            ("gmtime", gmtime),
            ("localtime", gmtime),
            ("mktime", mktime),
            ("strftime", strftime),
            ("asctime", asctime),
            ("ctime", ctime),
        ],
    );
    module.set("struct_time", Value::Class(struct_time_class(vm)));
    module.set("timezone", Value::Int(0));
    module.set("altzone", Value::Int(0));
    module.set("daylight", Value::Int(0));
    module.set(
        "tzname",
        Value::tuple(vec![Value::str("UTC"), Value::str("UTC")]),
    );
    module
}

fn struct_time_class(vm: &mut Vm) -> Rc<Class> {
    registered_class(vm, "time.struct_time", |vm| {
        StructSeq::class(vm, "time.struct_time")
    })
}

/// `time.time()` (and `monotonic()`, `perf_counter()`): seconds on the virtual clock.
fn time(vm: &mut Vm, args: Args) -> PyResult {
    c_args(vm, args, "time", 0, 0)?;
    Ok(Value::Float(vm.now_ns as f64 / 1e9))
}

/// `time.time_ns()`: nanoseconds on the virtual clock.
fn time_ns(vm: &mut Vm, args: Args) -> PyResult {
    c_args(vm, args, "time_ns", 0, 0)?;
    Ok(Value::Int(vm.now_ns as i64))
}

/// `time.sleep(secs)`: parks the thread until the clock has moved `secs` on; other
/// threads run meanwhile (`sleep(0)` lets them run once).
fn sleep(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "time.sleep", 1, 1)?;
    let seconds = match &args[0] {
        Value::Float(x) => *x,
        other => match as_int(other) {
            Some(n) => n.to_f64().unwrap_or(f64::INFINITY),
            None => return Err(not_an_integer(vm, other)),
        },
    };
    if seconds.is_nan() {
        return Err(error(vm, "ValueError", "Invalid value NaN (not a number)"));
    }
    if seconds < 0.0 {
        return Err(error(vm, "ValueError", "sleep length must be non-negative"));
    }
    if seconds > 9.2e9 {
        return Err(error(vm, "OverflowError", "sleep length is too large"));
    }
    if vm.timed_out() {
        return Ok(Value::None);
    }
    let wake = vm
        .now_ns
        .saturating_add((seconds * 1e9) as u64)
        .saturating_add(TIMER_SLACK_NS);
    Err(vm.block(None, Some(wake), "time.sleep"))
}

/// A moment broken down as `struct_time` holds it (UTC).
struct Civil {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    /// Monday is 0.
    weekday: i64,
    /// January 1st is 1.
    yearday: i64,
}

impl Civil {
    /// The UTC calendar date and time of `secs` seconds since the epoch.
    fn from_epoch(secs: i64) -> Civil {
        let days = secs.div_euclid(86_400);
        let rest = secs.rem_euclid(86_400);
        let (year, month, day) = date_of_days(days);
        Civil {
            year,
            month,
            day,
            hour: rest / 3600,
            minute: rest / 60 % 60,
            second: rest % 60,
            weekday: (days + 3).rem_euclid(7),
            yearday: days - days_of_date(year, 1, 1) + 1,
        }
    }

    fn to_struct_time(&self, vm: &mut Vm) -> Value {
        let class = struct_time_class(vm);
        let items = [
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            self.weekday,
            self.yearday,
            0,
        ];
        StructSeq::make(
            &class,
            StructSeq::fields(STRUCT_TIME_FIELDS),
            items.iter().map(|&n| Value::Int(n)).collect(),
        )
    }

    /// `Thu Jan  1 00:00:00 1970`, as `asctime` and `%c` write it.
    fn asctime(&self) -> String {
        format!(
            "{} {} {:2} {:02}:{:02}:{:02} {}",
            &DAY_NAMES[self.weekday as usize][..3],
            &MONTH_NAMES[self.month as usize - 1][..3],
            self.day,
            self.hour,
            self.minute,
            self.second,
            self.year
        )
    }
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn date_of_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The day, counted from 1970-01-01, of a date (Howard Hinnant's `days_from_civil`).
fn days_of_date(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The moment a calendar function works on: `secs` when given (None: now).
fn moment(vm: &mut Vm, secs: Option<&Value>) -> PyResult<Civil> {
    let secs = match secs {
        None | Some(Value::None) => (vm.now_ns / 1_000_000_000) as i64,
        Some(Value::Float(x)) if x.is_finite() => x.floor() as i64,
        Some(Value::Float(_)) => {
            return Err(error(vm, "ValueError", "Invalid value NaN (not a number)"));
        }
        Some(other) => match as_int(other).and_then(|n| n.to_i64()) {
            Some(n) => n,
            None => return Err(not_an_integer(vm, other)),
        },
    };
    Ok(Civil::from_epoch(secs))
}

/// The moment a `struct_time` (or 9-tuple) argument holds, or now.
fn moment_of_tuple(vm: &mut Vm, t: Option<&Value>, function: &str) -> PyResult<Civil> {
    let Some(t) = t else {
        return moment(vm, None);
    };
    let items = match super::native_of(t) {
        Some(state) => match state.as_any().downcast_ref::<StructSeq>() {
            Some(_) => crate::vm::iter::collect(vm, t)?,
            None => Vec::new(),
        },
        None => match t {
            Value::Tuple(items) => items.to_vec(),
            _ => {
                return Err(error(
                    vm,
                    "TypeError",
                    "Tuple or struct_time argument required",
                ));
            }
        },
    };
    if items.len() != 9 {
        let message = format!("{function}(): illegal time tuple argument");
        return Err(error(vm, "TypeError", &message));
    }
    let mut fields = [0i64; 9];
    for (field, item) in fields.iter_mut().zip(&items) {
        *field = match as_int(item).and_then(|n| n.to_i64()) {
            Some(n) => n,
            None => return Err(not_an_integer(vm, item)),
        };
    }
    let [year, month, day, hour, minute, second, weekday, yearday, _] = fields;
    Ok(Civil {
        year,
        month: month.clamp(1, 12),
        day,
        hour,
        minute,
        second,
        weekday: weekday.rem_euclid(7),
        yearday,
    })
}

/// `time.gmtime(secs=None)` and `time.localtime(secs=None)` (the world is in UTC).
fn gmtime(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "gmtime", 0, 1)?;
    let civil = moment(vm, args.first())?;
    Ok(civil.to_struct_time(vm))
}

/// `time.mktime(t)`: the seconds since the epoch of a UTC `struct_time`.
fn mktime(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "time.mktime", 1, 1)?;
    let civil = moment_of_tuple(vm, args.first(), "mktime")?;
    let days = days_of_date(civil.year, civil.month, civil.day);
    let secs = days * 86_400 + civil.hour * 3600 + civil.minute * 60 + civil.second;
    Ok(Value::Float(secs as f64))
}

/// `time.asctime(t=None)`.
fn asctime(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "asctime", 0, 1)?;
    let civil = moment_of_tuple(vm, args.first(), "asctime")?;
    Ok(Value::str(&civil.asctime()))
}

/// `time.ctime(secs=None)`.
fn ctime(vm: &mut Vm, args: Args) -> PyResult {
    let args = c_args(vm, args, "ctime", 0, 1)?;
    let civil = moment(vm, args.first())?;
    Ok(Value::str(&civil.asctime()))
}

/// `time.strftime(format, t=None)` with the C library's directives in the C locale.
fn strftime(vm: &mut Vm, args: Args) -> PyResult {
    if args.positional.is_empty() {
        let message = format!(
            "strftime() takes at least 1 argument ({} given)",
            args.positional.len()
        );
        return Err(error(vm, "TypeError", &message));
    }
    let args = c_args(vm, args, "strftime", 1, 2)?;
    let Value::Str(format) = &args[0] else {
        let message = format!(
            "strftime() argument 1 must be str, not {}",
            args[0].type_name()
        );
        return Err(error(vm, "TypeError", &message));
    };
    let civil = moment_of_tuple(vm, args.get(1), "strftime")?;
    Ok(Value::str(&format_time(format, &civil)))
}

/// Expands the `%` directives of `format` for a moment.
fn format_time(format: &str, t: &Civil) -> String {
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(directive) = chars.next() else {
            out.push('%');
            break;
        };
        let hour12 = if t.hour % 12 == 0 { 12 } else { t.hour % 12 };
        let day_name = DAY_NAMES[t.weekday as usize];
        let month_name = MONTH_NAMES[(t.month - 1).clamp(0, 11) as usize];
        let text = match directive {
            'Y' => t.year.to_string(),
            'y' => format!("{:02}", t.year.rem_euclid(100)),
            'C' => format!("{:02}", t.year.div_euclid(100)),
            'm' => format!("{:02}", t.month),
            'd' => format!("{:02}", t.day),
            'e' => format!("{:2}", t.day),
            'H' => format!("{:02}", t.hour),
            'I' => format!("{hour12:02}"),
            'M' => format!("{:02}", t.minute),
            'S' => format!("{:02}", t.second),
            'p' => (if t.hour < 12 { "AM" } else { "PM" }).to_owned(),
            'j' => format!("{:03}", t.yearday),
            'a' => day_name[..3].to_owned(),
            'A' => day_name.to_owned(),
            'b' | 'h' => month_name[..3].to_owned(),
            'B' => month_name.to_owned(),
            'w' => ((t.weekday + 1) % 7).to_string(),
            'u' => (t.weekday + 1).to_string(),
            'c' => t.asctime(),
            'x' | 'D' => format!("{:02}/{:02}/{:02}", t.month, t.day, t.year.rem_euclid(100)),
            'X' | 'T' => format!("{:02}:{:02}:{:02}", t.hour, t.minute, t.second),
            'F' => format!("{}-{:02}-{:02}", t.year, t.month, t.day),
            'R' => format!("{:02}:{:02}", t.hour, t.minute),
            'z' => "+0000".to_owned(),
            'Z' => "UTC".to_owned(),
            'n' => "\n".to_owned(),
            't' => "\t".to_owned(),
            '%' => "%".to_owned(),
            other => format!("%{other}"),
        };
        out.push_str(&text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_of_epoch_seconds() {
        // python3 3.11: time.gmtime(0) and time.gmtime(1700000000) under TZ=UTC
        let epoch = Civil::from_epoch(0);
        assert_eq!(
            (
                epoch.year,
                epoch.month,
                epoch.day,
                epoch.weekday,
                epoch.yearday
            ),
            (1970, 1, 1, 3, 1)
        );
        let t = Civil::from_epoch(1_700_000_000);
        assert_eq!(
            (
                t.year, t.month, t.day, t.hour, t.minute, t.second, t.weekday, t.yearday
            ),
            (2023, 11, 14, 22, 13, 20, 1, 318)
        );
        assert_eq!(days_of_date(2023, 11, 14), 1_700_000_000 / 86_400);
    }

    #[test]
    fn strftime_directives() {
        // python3 3.11: time.strftime(f, time.gmtime(1700000000))
        let t = Civil::from_epoch(1_700_000_000);
        assert_eq!(format_time("%Y-%m-%d %H:%M:%S", &t), "2023-11-14 22:13:20");
        assert_eq!(
            format_time("%a %b %d %I:%M %p, %j", &t),
            "Tue Nov 14 10:13 PM, 318"
        );
        assert_eq!(
            format_time("%c|%x|%X|%%", &t),
            "Tue Nov 14 22:13:20 2023|11/14/23|22:13:20|%"
        );
    }
}
