#!/bin/sh
# Captures Looker metadata for Sightline through the Looker API 4.0: every dashboard, look and
# LookML explore, and the users who own them. Needs curl and jq.
#
#   LOOKER_BASE_URL=https://acme.looker.com:19999 \
#   LOOKER_CLIENT_ID=... LOOKER_CLIENT_SECRET=... \
#   looker-capture.sh CAPTURE_DIR
#
# Writes CAPTURE_DIR/looker.json (every response in one array: that is the file to import) and
# keeps the responses one per file in CAPTURE_DIR.responses/ for inspection (outside the capture
# folder, so importing the folder does not read them twice). Credentials come from the
# environment only; nothing secret is written anywhere.
set -eu

: "${LOOKER_BASE_URL:?set LOOKER_BASE_URL, e.g. https://acme.looker.com:19999}"
: "${LOOKER_CLIENT_ID:?set LOOKER_CLIENT_ID (an API key of a user allowed to see the content)}"
: "${LOOKER_CLIENT_SECRET:?set LOOKER_CLIENT_SECRET}"
capture=${1:?usage: looker-capture.sh CAPTURE_DIR}
capture=${capture%/}
responses="$capture.responses"

for tool in curl jq; do
    command -v "$tool" >/dev/null || { echo "looker-capture: $tool is required" >&2; exit 1; }
done
mkdir -p "$capture" "$responses"
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
api="${LOOKER_BASE_URL%/}/api/4.0"

# The secret goes from the environment to curl's stdin, never onto a command line (visible in ps).
token=$(jq -rn '"client_id=\(env.LOOKER_CLIENT_ID | @uri)&client_secret=\(env.LOOKER_CLIENT_SECRET | @uri)"' |
    curl -fsS -X POST --data @- "$api/login" | jq -r .access_token)
if [ -z "$token" ] || [ "$token" = null ]; then
    echo "looker-capture: login failed" >&2
    exit 1
fi
trap 'curl -fsS -X DELETE -H "Authorization: token $token" "$api/logout" >/dev/null 2>&1 || true' EXIT

get() {
    curl -fsS --retry 3 --retry-delay 2 -H "Authorization: token $token" "$api/$1"
}
uri() {
    jq -rn --arg v "$1" '$v | @uri'
}
file_name() {
    printf '%s' "$1" | tr -c 'A-Za-z0-9_.-' '_'
}

# GET /dashboards/{id}: tiles with their queries (query, look.query or result_maker.query).
get "dashboards?fields=id" | jq -r '.[].id' | while read -r id; do
    get "dashboards/$(uri "$id")" >"$responses/dashboard_$(file_name "$id").json"
done
# GET /looks/{id}: with its query (model and view name the explore).
get "looks?fields=id" | jq -r '.[].id' | while read -r id; do
    get "looks/$(uri "$id")" >"$responses/look_$(file_name "$id").json"
done
# GET /lookml_models/{model}/explores/{explore}: sql_table_name of the base view and of each join.
get "lookml_models?fields=name,explores" | jq -r '.[] | .name as $m | (.explores // [])[] | "\($m) \(.name)"' |
    while read -r model explore; do
        get "lookml_models/$(uri "$model")/explores/$(uri "$explore")?fields=id,name,label,description,model_name,view_name,connection_name,sql_table_name,joins,tags,hidden" \
            >"$responses/explore_$(file_name "$model")__$(file_name "$explore").json"
    done
# GET /users/{id}, as one list call: the owners' emails (user_id on dashboards and looks).
get "users?fields=id,email,display_name,first_name,last_name,is_disabled,personal_folder_id,home_folder_id,url" \
    >"$responses/users.json"

# One array of every response (the users list flattened into it), so owners are resolved within
# one file, after a record of when the capture ran against which instance: the responses carry
# neither (the importer would fall back to their newest activity time and the host of their URLs).
tmp="$capture/.looker.json.partial"
jq -s --arg at "$started" --arg base "$LOOKER_BASE_URL" \
    '[{sightline_capture: {captured_at: $at, base_url: $base}}] + [.[] | if type == "array" then .[] else . end]' \
    "$responses"/*.json >"$tmp"
mv "$tmp" "$capture/looker.json"
echo "looker-capture: $(jq length "$capture/looker.json") responses in $capture/looker.json"
