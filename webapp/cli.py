"""Command line: `flask seed demo`, `flask regions import FILE`, `flask users list|create-admin`,
`flask backup [DIR]`, `flask restore FILE`."""
import sys
import time

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

seed_cli = AppGroup("seed", help="Data contoh.")
regions_cli = AppGroup("regions", help="Wilayah Kemendagri.")
users_cli = AppGroup("users", help="Akun pengguna.")


@seed_cli.command("demo")
@click.option("--if-empty", is_flag=True, help="Hanya jika basis data belum berisi akun.")
def seed_demo_command(if_empty: bool):
    """Load the demo kabupaten, Posyandu and accounts (idempotent)."""
    from flask import current_app

    from webapp.auth.models import User
    from webapp.demo import DEMO_PASSWORD, demo_logins, seed_demo
    from webapp.extensions import db

    if current_app.config["ENV_NAME"] == "production":
        click.echo("Data contoh tidak dimuat di produksi (POKJANAL_ENV=production): kata sandinya tercantum di "
                   "README. Buat admin pertama dengan: flask users create-admin --kabupaten KODE --username NAMA",
                   err=True)
        sys.exit(1)
    if if_empty and db.session.scalar(select(func.count(User.id))):
        click.echo("Basis data sudah berisi data; data contoh tidak dimuat ulang.")
    else:
        seed_demo()
        click.echo("Data contoh dimuat.")
    click.echo(f"Akun contoh (kata sandi semua: {DEMO_PASSWORD}):")
    for username, phone, role in demo_logins():
        click.echo(f"  {username:<20} {phone:<14} {role}")


@regions_cli.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False))
def import_command(csv_file: str):
    """Import a Kemendagri region list (kode,nama): all rows or none."""
    from webapp.regions.importer import import_regions

    started = time.perf_counter()
    with open(csv_file, encoding="utf-8-sig") as handle:
        result = import_regions(handle.read())
    if not result.ok:
        click.echo(f"Impor dibatalkan, tidak ada yang disimpan. {len(result.errors)} kesalahan:", err=True)
        for line in result.errors[:200]:
            click.echo(f"  {line}", err=True)
        sys.exit(1)
    click.echo(f"{result.rows} baris diperiksa: {result.inserted} baru, {result.updated} diperbarui "
               f"({time.perf_counter() - started:.1f} detik).")


@users_cli.command("list")
def list_users():
    """Every account with its roles."""
    from webapp.auth.models import User
    from webapp.extensions import db

    for user in db.session.scalars(select(User).order_by(User.username)):
        roles = ", ".join(f"{r.role}@{r.region_code}" for r in user.roles)
        click.echo(f"{user.username:<20} {user.full_name:<30} {roles}")


@users_cli.command("create-admin")
@click.option("--kabupaten", required=True, help="Kode kabupaten/kota, mis. 62.02")
@click.option("--username", required=True, help="Nama pengguna admin")
@click.option("--full-name", default="", help="Nama lengkap")
@click.option("--phone", default="", help="Nomor HP (boleh kosong)")
@click.option("--password-stdin", is_flag=True, help="Baca kata sandi dari baris pertama stdin (tanpa prompt)")
def create_admin(kabupaten: str, username: str, full_name: str, phone: str, password_stdin: bool):
    """The first admin of a kabupaten, without the demo data; the password is checked by the policy."""
    from webapp.auth.services import create_first_admin
    from webapp.refusal import Refused

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Kata sandi", hide_input=True, confirmation_prompt="Ulangi kata sandi")
    try:
        user = create_first_admin(kabupaten, username, full_name, password, phone)
    except Refused as error:
        click.echo(f"Akun tidak dibuat: {error}", err=True)
        sys.exit(1)
    click.echo(f"Admin {user.username} untuk {kabupaten} sudah dibuat. Masuk di /masuk.")


@click.command("backup")
@click.argument("folder", required=False, default="backups", type=click.Path(file_okay=False))
def backup_command(folder: str):
    """A consistent, checked backup of the database into FOLDER (default: backups/)."""
    from pathlib import Path

    from flask import current_app

    from webapp.backup import BackupError, backup

    try:
        path = backup(current_app.config["SQLALCHEMY_DATABASE_URI"], Path(folder))
    except BackupError as error:
        click.echo(f"Cadangan gagal: {error}", err=True)
        sys.exit(1)
    click.echo(f"Cadangan tersimpan dan sudah diperiksa: {path}")


@click.command("restore")
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--force", is_flag=True, help="Pulihkan walau basis data sedang dibuka proses lain.")
def restore_command(backup_file: str, force: bool):
    """Replace the SQLite database with BACKUP_FILE, after checking it; the current one is kept beside it."""
    from pathlib import Path

    from flask import current_app

    from webapp.backup import BackupError, restore
    from webapp.extensions import db

    db.session.remove()
    db.engine.dispose()  # this process's own connections must not count as "in use"
    try:
        kept = restore(current_app.config["SQLALCHEMY_DATABASE_URI"], Path(backup_file), force=force)
    except BackupError as error:
        click.echo(f"Pemulihan dibatalkan: {error}", err=True)
        sys.exit(1)
    click.echo(f"Dipulihkan dari {backup_file}." + (f" Basis data sebelumnya disimpan di {kept}." if kept else ""))


def register_cli(app) -> None:
    for group in (seed_cli, regions_cli, users_cli):
        app.cli.add_command(group)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
