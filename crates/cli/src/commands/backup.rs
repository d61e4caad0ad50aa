//! `motcua backup` and `motcua restore`: a copy that says what it holds, and a restore that
//! never gives a dossier code twice (docs/operations.md, section 4).

use super::data::{open, redact};
use super::settings::DataArgs;
use motcua_app::clock::{Clock, SystemClock};
use motcua_domain::format;
use motcua_store::{FileError, FileReport, RestoreOptions, RestoreReport};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Numbers each unit's daily sequence skips after a restore, unless told otherwise.
pub const DEFAULT_MARGIN: u32 = 1000;

/// Arguments of `motcua restore`.
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// Tệp sao lưu (do motcua backup tạo).
    #[arg(long)]
    from: PathBuf,
    /// Số thứ tự hồ sơ bỏ qua cho mỗi đơn vị, mỗi ngày từ ngày sao lưu đến hôm nay, để không
    /// cấp lại mã đã cấp sau lần sao lưu.
    #[arg(long, default_value_t = DEFAULT_MARGIN)]
    sequence_margin: u32,
    /// Thay cơ sở dữ liệu đang có hồ sơ (bản cũ được giữ lại bên cạnh, đổi tên).
    #[arg(long)]
    force: bool,
}

/// `motcua backup --out FILE`
pub async fn backup(args: &DataArgs, out: &Path) -> Result<String, String> {
    let url = args.database_url(&args.file()?);
    if motcua_store::sqlite_file(&url)
        .map_err(|e| e.to_string())?
        .is_none()
    {
        return Err(pg_dump_advice(&url));
    }
    let app = open(args).await?;
    app.store()
        .backup(out)
        .await
        .map_err(|e| format!("không sao lưu được: {e}"))?;
    let today = SystemClock.now().date();
    let report = tokio::task::spawn_blocking({
        let out = out.to_path_buf();
        move || motcua_store::inspect(&out, today)
    })
    .await
    .map_err(|e| format!("không kiểm tra được bản sao lưu: {e}"))?
    .map_err(|e| {
        format!(
            "bản sao lưu «{}» không dùng được: {}",
            out.display(),
            why(&e)
        )
    })?;
    Ok(format!(
        "Đã sao lưu vào «{}».\n{}",
        out.display(),
        holds(&report, today)
    ))
}

/// `motcua restore --from FILE [--sequence-margin N] [--force]`
pub fn restore(args: &DataArgs, restore: &RestoreArgs) -> Result<String, String> {
    let url = args.database_url(&args.file()?);
    let Some(to) = motcua_store::sqlite_file(&url).map_err(|e| e.to_string())? else {
        return Err(format!(
            "«{}» là PostgreSQL: khôi phục bằng pg_restore \
             (pg_restore --clean --if-exists -d CSDL TỆP.dump), rồi dời số thứ tự hồ sơ như \
             docs/operations.md mục 4 hướng dẫn",
            redact(&url)
        ));
    };
    let options = RestoreOptions {
        margin: restore.sequence_margin,
        force: restore.force,
        now: SystemClock.now(),
    };
    let report = motcua_store::restore(&restore.from, &to, &options).map_err(|e| match e {
        FileError::InUse => format!(
            "cơ sở dữ liệu «{}» đang được dùng (máy chủ đang chạy?): hãy dừng mọi tiến trình \
             motcua dùng nó rồi khôi phục lại",
            to.display()
        ),
        FileError::NotEmpty { dossiers } => format!(
            "cơ sở dữ liệu «{}» đang có {} hồ sơ: thêm --force để thay bằng bản sao lưu \
             (bản hiện có được giữ lại bên cạnh)",
            to.display(),
            format::integer(i64::try_from(dossiers).unwrap_or(i64::MAX))
        ),
        other => format!(
            "không khôi phục từ «{}»: {}",
            restore.from.display(),
            why(&other)
        ),
    })?;
    Ok(restored(&report, &to, restore.sequence_margin, options.now))
}

/// What went wrong with a file, in words for the operator.
fn why(e: &FileError) -> String {
    match e {
        FileError::Unreadable(detail) => {
            format!("không phải một cơ sở dữ liệu SQLite đọc được ({detail})")
        }
        FileError::Corrupt(problems) => {
            let first: Vec<&str> = problems.iter().flat_map(|p| p.lines()).take(4).collect();
            format!(
                "kiểm tra toàn vẹn (PRAGMA integrity_check) không đạt: {}",
                first.join("; ")
            )
        }
        FileError::NotMotcua => "không phải cơ sở dữ liệu của motcua".to_owned(),
        FileError::NewerSchema(v) => format!(
            "tệp có cấu trúc phiên bản {v}, mới hơn chương trình này: hãy dùng bản motcua mới hơn"
        ),
        FileError::InUse => "cơ sở dữ liệu đang được dùng".to_owned(),
        FileError::NotEmpty { dossiers } => format!("cơ sở dữ liệu đang có {dossiers} hồ sơ"),
        FileError::Io(detail) => format!("lỗi đọc, ghi tệp: {detail}"),
    }
}

/// The lines that say what a backup holds.
fn holds(r: &FileReport, today: chrono::NaiveDate) -> String {
    let count = |n: u64| format::integer(i64::try_from(n).unwrap_or(i64::MAX));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "  Dung lượng: {} byte. Kiểm tra toàn vẹn (PRAGMA integrity_check): đạt.",
        count(r.bytes)
    );
    let schema = if r.schema_current {
        "mới nhất"
    } else {
        "cũ hơn chương trình này, sẽ được cập nhật khi mở"
    };
    let _ = writeln!(
        out,
        "  Cấu trúc: phiên bản {} ({schema}).",
        r.schema_version
    );
    let _ = writeln!(
        out,
        "  Nội dung: {} hồ sơ, {} sự kiện, {} đơn vị, {} người dùng.",
        count(r.dossiers),
        count(r.events),
        count(r.units),
        count(r.users)
    );
    let last = r.last_event.map_or_else(
        || "chưa có".to_owned(),
        |t| format!("{} {}", format::time(t), format::date(t.date())),
    );
    let _ = writeln!(out, "  Sự kiện cuối: {last}.");
    if r.sequences_on_day.is_empty() {
        let _ = writeln!(
            out,
            "  Hôm nay ({}) chưa cấp mã hồ sơ nào.",
            format::date(today)
        );
    } else {
        let _ = writeln!(out, "  Số thứ tự cuối hôm nay ({}):", format::date(today));
        for (unit, last) in &r.sequences_on_day {
            let _ = writeln!(out, "    {unit}: {last}");
        }
    }
    out
}

/// What a restore did.
fn restored(r: &RestoreReport, to: &Path, margin: u32, now: chrono::NaiveDateTime) -> String {
    let mut out = format!(
        "Đã khôi phục «{}» từ bản sao lưu.\n{}",
        to.display(),
        holds(&r.backup, now.date())
    );
    let _ = writeln!(
        out,
        "Đã dời số thứ tự hồ sơ của {} đơn vị, các ngày {}–{}, thêm {margin} số: không mã nào \
         cấp sau lần sao lưu bị cấp lại.",
        r.units,
        format::date(r.days.0),
        format::date(r.days.1)
    );
    for m in &r.moved {
        let replaced = m
            .replaced_last
            .map(|n| format!(", cơ sở dữ liệu bị thay: {n}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} ngày {}: số cuối trong bản sao lưu {}{replaced} → mã tiếp theo số {}",
            m.unit,
            format::date(m.day),
            m.backup_last,
            u64::from(m.last) + 1
        );
    }
    let _ = writeln!(
        out,
        "Đã hủy {} phiên đăng nhập và mã truy cập API có trong bản sao lưu: mọi người đăng nhập lại.",
        r.sessions_ended
    );
    if let Some(kept) = &r.kept {
        let _ = writeln!(out, "Cơ sở dữ liệu cũ được giữ lại ở «{}».", kept.display());
    }
    out
}

/// How to back up PostgreSQL, since `motcua backup` copies SQLite only.
fn pg_dump_advice(url: &str) -> String {
    format!(
        "«{}» là PostgreSQL: motcua backup chỉ sao lưu SQLite. Hãy dùng pg_dump (trực tuyến, \
         nhất quán): pg_dump -Fc -d CSDL -f motcua-NGÀY.dump, kiểm tra bằng pg_restore --list \
         motcua-NGÀY.dump (xem docs/operations.md mục 4)",
        redact(url)
    )
}
