"""A fresh machine: the locked install, the built wheel, and the catalog toolchain.

These run the same commands a newcomer, a deployment and a translator run, so a dependency
release, a missing package file or a catalog drift fails here before it fails for them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from importlib import metadata
from pathlib import Path

import pytest
from babel.messages.extract import extract
from babel.messages.frontend import parse_mapping_cfg
from babel.util import pathmatch
from packaging.requirements import Requirement

from bot.content.extract import KEYWORDS

ROOT = Path(__file__).parent.parent
BIN = Path(sys.executable).parent


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert block is not None
    return block.group(1).strip().splitlines()


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second() -> None:
    shell, tests = readme_commands()
    assert shell.endswith("clinicbot shell") and "requirements/runtime.txt" in shell
    assert tests.endswith("python -m pytest") and "requirements/test.txt" in tests
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_installed_packages_satisfy_every_declared_requirement() -> None:
    """The lock installs with --no-deps for the package itself: a requirement pyproject.toml
    declares but the lock lacks would only show up here."""
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_locks_pin_every_package_by_hash() -> None:
    for name in ("runtime.txt", "test.txt"):
        text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
        pins = re.findall(r"^([A-Za-z0-9_.-]+)==\S+", text, re.M)
        assert pins and text.count("--hash=sha256:") >= len(pins), name
        assert {"python-telegram-bot", "babel", "jinja2", "aiosqlite"} <= {
            p.lower() for p in pins}


def pinned(lock: str) -> dict[str, list[str]]:
    """`name==version ; marker` → its hashes, for every package a lock in requirements/ pins."""
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
    return {m.group(1).strip(): sorted(re.findall(r"sha256:(\w+)", m.group(2))) for m in
            re.finditer(r"^(\S+==\S+(?: ;[^\\\n]*)?)\s*\\\n((?:\s+--hash=\S+\s*\\?\n)+)",
                        text, re.M)}


def test_the_runtime_lock_is_the_test_locks_runtime_part() -> None:
    """Every package the runtime lock pins, the test lock pins at the same version with the
    same files: the suite's own install (the README's second command) proves the first's."""
    runtime, tests = pinned("runtime.txt"), pinned("test.txt")
    assert runtime and {pin: tests.get(pin) for pin in runtime} == runtime


def link_runtime_packages(into: Path) -> None:
    """Link the files of every package the runtime lock pins, as this environment installed
    them (the test lock holds the same files), into `into`: the runtime and nothing the
    tests add, without a second 40-second install of the same wheels."""
    for pin in pinned("runtime.txt"):
        requirement = Requirement(pin)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        distribution = metadata.distribution(requirement.name)
        assert requirement.specifier.contains(distribution.version), pin
        for top in {Path(str(file)).parts[0] for file in distribution.files or ()} - {".."}:
            if not (into / top).exists():
                (into / top).symlink_to(Path(str(distribution.locate_file(top))))


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with the wheel `pip install .` builds, seeing only the locked
    runtime's packages (`link_runtime_packages`): the shipped files, the entry point and the
    runtime's sufficiency are what it proves, from outside the checkout."""
    work = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(work / "dist"), str(ROOT)],
                   check=True, timeout=300)
    wheel = next((work / "dist").glob("clinicbot-*.whl"))
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=False)
    runtime = work / "runtime"
    runtime.mkdir()
    link_runtime_packages(runtime)
    site = next(env_dir.glob("lib/python*/site-packages"))
    (site / "runtime.pth").write_text(f"{runtime}\n", encoding="utf-8")
    subprocess.run([*pip, "--python", str(env_dir / "bin" / "python"), "install",
                    "--no-compile", "--no-deps", str(wheel)], check=True, timeout=120)
    return env_dir / "bin"


def run_installed(bin_dir: Path, cwd: Path, *args: str,
                  stdin: str = "") -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("PYTHONPATH", "CLINICBOT_CONFIG", "TELEGRAM_BOT_TOKEN")}
    return subprocess.run([str(bin_dir / "clinicbot"), *args], input=stdin, text=True,
                          capture_output=True, cwd=cwd, env=environment, timeout=120)


def test_installed_wheel_checks_and_chats_from_another_directory(
    installed_wheel: Path, tmp_path: Path
) -> None:
    check = run_installed(installed_wheel, tmp_path, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.strip().splitlines()[-1].startswith("check: ok (")
    shell = run_installed(installed_wheel, tmp_path, "shell", "--language", "en",
                          stdin="/start\n/quit\n")
    assert shell.returncode == 0, shell.stderr
    assert "Lumière Skin Clinic" in shell.stdout and "not a diagnosis" in shell.stdout
    assert "Traceback" not in shell.stderr
    assert (tmp_path / "clinicbot-shell.sqlite3").exists()
    assert not (ROOT / "bot" / "shipped").exists()


def test_configured_content_directory_overrides_the_shipped_texts(
    installed_wheel: Path, tmp_path: Path
) -> None:
    own = tmp_path / "content"
    shutil.copytree(ROOT / "dialogs", own / "dialogs")
    shutil.copytree(ROOT / "locales", own / "locales")
    po = own / "locales" / "en" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        "not a diagnosis", "no diagnosis, ever"), encoding="utf-8")
    config = tmp_path / "clinic.toml"
    config.write_text((ROOT / "clinic.example.toml").read_text(encoding="utf-8")
                      + '\n[content]\ndirectory = "content"\n', encoding="utf-8")
    shell = run_installed(installed_wheel, tmp_path, "shell", "--config", str(config),
                          "--language", "en", stdin="/start\n/quit\n")
    assert shell.returncode == 0, shell.stderr
    assert "no diagnosis, ever" in shell.stdout and "not a diagnosis" not in shell.stdout


def catalog_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Regenerating the catalogs"):]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    return block.group(1).strip().splitlines()


def test_catalog_commands_change_nothing_on_unchanged_content(tmp_path: Path) -> None:
    for name in ("bot", "dialogs", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "babel.cfg", tmp_path / "babel.cfg")
    before = {p: p.read_bytes() for p in (tmp_path / "locales").rglob("*.po*")}
    for command in catalog_commands():
        command = command.replace(".venv/bin/", f"{BIN}/")
        result = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, result.stderr
    after = {p: p.read_bytes() for p in (tmp_path / "locales").rglob("*.po*")}
    changed = [str(p.relative_to(tmp_path)) for p in before if before[p] != after[p]]
    assert changed == [] and after.keys() == before.keys()


def test_every_module_that_marks_messages_is_mapped_in_babel_cfg() -> None:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, _ = parse_mapping_cfg(fh)
    python_patterns = [pattern for pattern, method in method_map if method == "python"]
    for path in sorted((ROOT / "bot").rglob("*.py")):
        with path.open("rb") as fh:
            marked = [m for m in extract("python", fh, KEYWORDS) if m[1]]
        relative = path.relative_to(ROOT).as_posix()
        if marked:
            assert any(pathmatch(p, relative) for p in python_patterns), (
                f"{relative} marks messages but babel.cfg does not map it")
