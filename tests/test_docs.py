"""Keep the docs honest: every command has help with an example; the README's commands are the real ones."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from gesprekken import __version__
from gesprekken.cli import cli

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def fenced_after(marker: str) -> str:
    match = re.search(rf"<!-- {marker} -->\n```bash\n(.+?)\n```", README)
    assert match, f"README.md has no command after <!-- {marker} -->"
    return match[1]


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example(command):
    for flag in ("--help", "-h"):
        result = CliRunner().invoke(cli, [command, flag])
        assert result.exit_code == 0
        assert "Example:" in result.output
        assert cli.commands[command].help.splitlines()[0].strip() in result.output


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.output.strip() == f"gesprekken, version {__version__}"


def test_readme_main_command_ingests_the_sample_and_serves_it():
    command = fenced_after("main-command")
    assert "pip install -e ." in command
    assert "gesprekken ingest --sample" in command and command.endswith("gesprekken serve")


def test_ci_runs_the_readme_test_command():
    command = fenced_after("test-command")
    assert re.search(r"\.venv/bin/pytest( -n \d+)?$", command), command  # the whole suite, perhaps in processes
    assert "test-command" in (ROOT / ".ci" / "run").read_text()


def test_readme_documents_every_command():
    for command in cli.commands:
        assert f"gesprekken {command}" in README


def test_security_table_names_only_tests_that_exist():
    import ast

    named = set(re.findall(r"`(test_\w+)`", (ROOT / "SECURITY.md").read_text(encoding="utf-8")))
    defined = set()
    for path in (ROOT / "tests").glob("test_*.py"):
        defined |= {
            n.name for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.FunctionDef)
        }
    assert named and not named - defined, named - defined


def test_readme_programme_section_names_every_column():
    """The README's programme section listed the Dutch headers and not the English names of the consent
    columns (`status`, `conversation_status`) nor `conference`: a newcomer's CSV in English had no consent
    column and left everything internal without knowing why (helper hF, session 60)."""
    from gesprekken.programme import ALIASES, COLUMNS

    section = README.split("### The programme", 1)[1].split("```csv", 1)[0]
    columns = set(COLUMNS) | {k for k, v in ALIASES.items() if v in COLUMNS}
    assert not {c for c in columns if f"`{c}`" not in section}, {c for c in columns if f"`{c}`" not in section}


def test_the_help_ingests_from_the_folder_serve_plays_from():
    """`gesprekken --help` and `ingest --help` ingested from opnames/, while serve plays and publish copies
    recordings only from recordings/ (the README: keep every recording there): a newcomer who followed the help
    had conversations without a player (helper hF, session 60)."""
    for args in ([], ["ingest"]):
        said = CliRunner().invoke(cli, [*args, "--help"]).output
        examples = said.split("Example:", 1)[1]
        assert "gesprekken ingest recordings/" in examples and "opnames/" not in examples, examples
    assert "Keep every recording in recordings/" in CliRunner().invoke(cli, ["ingest", "--help"]).output
