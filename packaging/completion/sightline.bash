# bash completion for sightline                                  -*- shell-script -*-
# Installed to /usr/share/bash-completion/completions/sightline.

_sightline()
{
    local cur prev words cword
    _init_completion || return

    local commands="import assets lineage impact snapshots detect incidents incident report notify help"

    if [[ $cword -eq 1 ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--help --version --demo" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
            _filedir sightline
            COMPREPLY+=($(compgen -W "$commands" -- "$cur"))
        fi
        return
    fi

    local command=${words[1]}
    case $prev in
        -o | --output)
            _filedir
            return
            ;;
        --format)
            case $command in
                lineage) COMPREPLY=($(compgen -W "text json dot svg png pdf" -- "$cur")) ;;
                report) COMPREPLY=($(compgen -W "html pdf md csv" -- "$cur")) ;;
            esac
            return
            ;;
        --status)
            COMPREPLY=($(compgen -W "open acknowledged investigating fixed expected no_action_needed false_positive" -- "$cur"))
            return
            ;;
        --kind)
            COMPREPLY=($(compgen -W "freshness volume schema distribution test" -- "$cur"))
            return
            ;;
        --period)
            COMPREPLY=($(compgen -W "1d 7d 30d 90d" -- "$cur"))
            return
            ;;
        --select | --exclude | --comment | --assignee | --incident | --upstream | --downstream | --remove)
            return
            ;;
    esac

    if [[ $cur == -* ]]; then
        local options="--help"
        case $command in
            import) options+=" --json" ;;
            assets) options+=" --json --select --exclude" ;;
            lineage) options+=" --json --dot --format --upstream --downstream -o --output" ;;
            impact) options+=" --json --csv" ;;
            snapshots) options+=" --json --remove" ;;
            detect) options+=" --json" ;;
            incidents) options+=" --json --status --kind" ;;
            incident) options+=" --status --comment --assignee" ;;
            report) options+=" --incident --period --format -o --output" ;;
            notify) options+=" --dry-run" ;;
        esac
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        return
    fi

    # The first argument of every command is the workspace; import then takes files and folders.
    if [[ $cword -eq 2 ]]; then
        _filedir sightline
    elif [[ $command == import ]]; then
        _filedir
    elif [[ $command == help ]]; then
        COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    fi
} &&
    complete -F _sightline sightline
