/**
 * `whydenied completion <shell>`: completion scripts for bash, zsh and fish, written from the
 * command tree itself so that a new option completes without anyone editing a script.
 */
import type { Command, Option } from 'commander';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface OptionSpec {
  long: string;
  short: string | undefined;
  takesValue: boolean;
  choices: readonly string[] | undefined;
  description: string;
}

/** What a value completes to: paths for the options that take paths, the profiles for --profile, else nothing. */
type ValueKind = 'choices' | 'files' | 'profiles' | 'free';

function valueKind(option: OptionSpec): ValueKind {
  if (option.choices) return 'choices';
  if (['--output', '--policies'].includes(option.long)) return 'files';
  return option.long === '--profile' ? 'profiles' : 'free';
}

const PROFILES = 'aws configure list-profiles 2>/dev/null';

interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  subcommands: CommandSpec[];
  takesFiles: boolean;
}

function optionSpec(option: Option): OptionSpec | undefined {
  if (option.hidden || !option.long) return undefined;
  return {
    long: option.long,
    short: option.short,
    takesValue: option.required || option.optional,
    choices: option.argChoices,
    description: option.description,
  };
}

function commandSpec(command: Command): CommandSpec {
  return {
    name: command.name(),
    description: command.description(),
    options: [
      ...command.options.map(optionSpec).filter((spec): spec is OptionSpec => spec !== undefined),
      { long: '--help', short: '-h', takesValue: false, choices: undefined, description: 'show help' },
    ],
    subcommands: command.commands.map(commandSpec),
    takesFiles: command.registeredArguments.length > 0,
  };
}

/** Single quotes for a shell word: descriptions hold apostrophes and backticks. */
function quoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function words(options: OptionSpec[]): string {
  return options.flatMap((option) => (option.short ? [option.long, option.short] : [option.long])).join(' ');
}

function bash(root: CommandSpec): string {
  const cases = root.subcommands.map((command) => {
    const valued = command.options.filter((option) => option.takesValue);
    const choiceCases = valued
      .map((option) => {
        const names = [option.long, option.short].filter(Boolean).join('|');
        const kind = valueKind(option);
        const reply =
          kind === 'choices'
            ? `COMPREPLY=($(compgen -W ${quoted((option.choices ?? []).join(' '))} -- "$cur"))`
            : kind === 'files'
              ? `COMPREPLY=($(compgen -f -- "$cur"))`
              : kind === 'profiles'
                ? `COMPREPLY=($(compgen -W "$(${PROFILES})" -- "$cur"))`
                : 'COMPREPLY=()';
        return `        ${names}) ${reply}; return ;;`;
      })
      .join('\n');
    const nested = command.subcommands.length
      ? `      if [[ $COMP_CWORD -eq 2 ]]; then COMPREPLY=($(compgen -W ${quoted(command.subcommands.map((sub) => sub.name).join(' '))} -- "$cur")); return; fi\n`
      : '';
    const subOptions = command.subcommands.flatMap((sub) => sub.options);
    const optionWords = words([...command.options, ...subOptions]);
    return `    ${command.name})
${nested}      case "$prev" in
${choiceCases}
      esac
      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W ${quoted(optionWords)} -- "$cur"))
      ${command.takesFiles ? 'else COMPREPLY=($(compgen -f -- "$cur"))' : ''}
      fi ;;`;
  });
  return `# bash completion for whydenied (whydenied completion bash)
_whydenied() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  COMPREPLY=()
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W ${quoted(`${root.subcommands.map((command) => command.name).join(' ')} ${words(root.options)}`)} -- "$cur"))
    [[ "$cur" != -* ]] && COMPREPLY+=($(compgen -f -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases.join('\n')}
  esac
}
complete -o filenames -F _whydenied whydenied
`;
}

function zshOption(option: OptionSpec): string[] {
  const description = option.description.replace(/[[\]:\\]/g, '\\$&');
  const action = option.takesValue
    ? option.choices
      ? `:value:(${option.choices.join(' ')})`
      : ':value:_files'
    : '';
  return [option.long, option.short]
    .filter((name): name is string => Boolean(name))
    .map((name) => quoted(`${name}[${description}]${action}`));
}

function zsh(root: CommandSpec): string {
  const commandList = root.subcommands
    .map((command) => `    ${quoted(`${command.name}:${command.description.replace(/:/g, '\\:')}`)}`)
    .join('\n');
  const cases = root.subcommands.map((command) => {
    const options = [...command.options, ...command.subcommands.flatMap((sub) => sub.options)];
    const arguments_ = options.flatMap(zshOption).join(' \\\n        ');
    const rest = command.subcommands.length
      ? ` \\\n        ${quoted(`1:subcommand:(${command.subcommands.map((sub) => sub.name).join(' ')})`)}`
      : command.takesFiles
        ? ` \\\n        '*:input:_files'`
        : '';
    return `    ${command.name})\n      _arguments ${arguments_}${rest} ;;`;
  });
  return `#compdef whydenied
# zsh completion for whydenied (whydenied completion zsh > "\${fpath[1]}/_whydenied")
_whydenied() {
  local -a commands
  commands=(
${commandList}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    _files
    return
  fi
  case "$words[2]" in
${cases.join('\n')}
  esac
}
compdef _whydenied whydenied
`;
}

function fish(root: CommandSpec): string {
  const lines = [
    '# fish completion for whydenied (whydenied completion fish > ~/.config/fish/completions/whydenied.fish)',
    'complete -c whydenied -f',
  ];
  for (const command of root.subcommands) {
    lines.push(
      `complete -c whydenied -n __fish_use_subcommand -a ${command.name} -d ${quoted(command.description)}`,
    );
    const inCommand = `'__fish_seen_subcommand_from ${command.name}'`;
    if (command.takesFiles) lines.push(`complete -c whydenied -n ${inCommand} -F`);
    for (const sub of command.subcommands) {
      lines.push(`complete -c whydenied -n ${inCommand} -a ${sub.name} -d ${quoted(sub.description)}`);
    }
    for (const option of [...command.options, ...command.subcommands.flatMap((sub) => sub.options)]) {
      const short = option.short ? ` -s ${option.short.slice(1)}` : '';
      const kind = valueKind(option);
      const value = !option.takesValue
        ? ''
        : kind === 'choices'
          ? ` -x -a ${quoted((option.choices ?? []).join(' '))}`
          : kind === 'files'
            ? ' -r -F'
            : kind === 'profiles'
              ? ` -x -a '(${PROFILES})'`
              : ' -x';
      lines.push(
        `complete -c whydenied -n ${inCommand} -l ${option.long.slice(2)}${short}${value} -d ${quoted(option.description)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(root: Command, shell: Shell): string {
  const spec = commandSpec(root);
  spec.subcommands = spec.subcommands.filter((command) => command.name !== 'help');
  return shell === 'bash' ? bash(spec) : shell === 'zsh' ? zsh(spec) : fish(spec);
}
