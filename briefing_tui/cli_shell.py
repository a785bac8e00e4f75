"""What a shell expects of a command: ``--version`` (``--verbose``) and completion scripts.

Kept apart from the commands themselves; nothing here imports Textual, so both answer
at once. Completion scripts are generated from the argument parser, so a new command or
option completes without touching this file.
"""

from __future__ import annotations

import argparse
import platform
import sys
from importlib import metadata

SHELLS = ("bash", "zsh", "fish")


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def version_text(verbose: bool = False) -> str:
    lines = [f"briefing {_version('briefing-tui')}"]
    if verbose:
        lines += [f"Python {platform.python_version()} ({sys.executable})"]
        lines += [f"{name} {_version(name)}" for name in
                  ("textual", "rich", "PyYAML", "nupunkt", "pypdfium2")]
        try:
            from pypdfium2 import version as pdfium_version  # type: ignore[import-untyped]

            lines.append(f"PDFium {pdfium_version.PDFIUM_INFO}")
        except Exception:  # the optional extra is missing, or its library cannot load
            lines.append("PDFium not available (pip install 'briefing-tui[pdf]')")
    return "\n".join(lines) + "\n"


def _commands(parser: argparse.ArgumentParser) -> dict[str, list[str]]:
    """Each sub-command's options (the app's own options under "")."""
    found: dict[str, list[str]] = {"": []}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[name] = [o for a in sub._actions for o in a.option_strings]
        else:
            found[""] += action.option_strings
    return found


def completion_script(shell: str, parser: argparse.ArgumentParser,
                      app_options: list[str]) -> str:
    """A completion script for ``shell``: commands, their options, then files."""
    commands = _commands(parser)
    commands[""] = sorted(set(commands[""]) | set(app_options) | {"--version", "--verbose"})
    names = [*sorted(n for n in commands if n), "completion"]
    if shell == "bash":
        cases = "\n".join(f'        {name}) opts="{" ".join(commands[name])}" ;;'
                          for name in sorted(n for n in commands if n))
        return f'''# bash completion for briefing: eval "$(briefing completion bash)"
_briefing() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" opts
    if [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W "{" ".join(names)} {" ".join(commands[""])}" -- "$cur") \\
                   $(compgen -f -- "$cur"))
        return
    fi
    case "${{COMP_WORDS[1]}}" in
{cases}
        completion) COMPREPLY=($(compgen -W "{" ".join(SHELLS)}" -- "$cur")); return ;;
        *) opts="{" ".join(commands[""])}" ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}}
complete -o filenames -F _briefing briefing briefing-tui
'''
    if shell == "zsh":
        described = " ".join(f"'{n}'" for n in names)
        cases = "\n".join(f"    {name}) _arguments '*:file:_files' {_zsh_opts(commands[name])} ;;"
                          for name in sorted(n for n in commands if n))
        return f'''#compdef briefing briefing-tui
# zsh completion for briefing: eval "$(briefing completion zsh)"
_briefing() {{
  if (( CURRENT == 2 )); then
    _alternative 'commands:command:({described})' 'files:file:_files'
    return
  fi
  case $words[2] in
{cases}
    completion) _values shell {" ".join(SHELLS)} ;;
    *) _files ;;
  esac
}}
compdef _briefing briefing briefing-tui
'''
    if shell == "fish":
        lines = ["# fish completion for briefing: briefing completion fish | source"]
        for program in ("briefing", "briefing-tui"):
            lines.append(f"complete -c {program} -n __fish_use_subcommand -a "
                         f"'{' '.join(names)}'")
            for name in sorted(n for n in commands if n):
                for option in commands[name]:
                    if option.startswith("--"):
                        lines.append(f"complete -c {program} -n '__fish_seen_subcommand_from "
                                     f"{name}' -l {option[2:]}")
            lines.append(f"complete -c {program} -n '__fish_seen_subcommand_from completion' "
                         f"-x -a '{' '.join(SHELLS)}'")
        return "\n".join(lines) + "\n"
    raise ValueError(f"unknown shell {shell!r} (known: {', '.join(SHELLS)})")


def _zsh_opts(options: list[str]) -> str:
    return " ".join(f"'{o}'" for o in options if o.startswith("--"))
