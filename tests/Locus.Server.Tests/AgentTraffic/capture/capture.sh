#!/usr/bin/env bash
# Re-captures the first request of Claude Code and Codex into ../claude-code.messages.json and ../codex.responses.json.
# Needs node, npm and python3; installs the CLIs into a temp dir outside the repo; nothing leaves 127.0.0.1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
claude_version="${CLAUDE_VERSION:-2.1.337}" codex_version="${CODEX_VERSION:-0.171.0}"
tmp="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
cd "$tmp" && timeout 300 npm install --silent "@anthropic-ai/claude-code@$claude_version" "@openai/codex@$codex_version" >/dev/null
mkdir -p work home codex-home
timeout 200 python3 "$here/recorder.py" 18901 rec-claude & sleep 1
(cd work && HOME="$tmp/home" ANTHROPIC_BASE_URL=http://127.0.0.1:18901 ANTHROPIC_API_KEY=dummy DISABLE_TELEMETRY=1 \
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_AUTOUPDATER=1 DISABLE_ERROR_REPORTING=1 \
  timeout 90 "$tmp/node_modules/.bin/claude" -p "say hi" </dev/null)
cat > codex-home/config.toml <<TOML
model = "recorder-model"
model_provider = "recorder"
[model_providers.recorder]
name = "Recorder"
base_url = "http://127.0.0.1:18902/v1"
wire_api = "responses"
env_key = "RECORDER_API_KEY"
TOML
timeout 200 python3 "$here/recorder.py" 18902 rec-codex & sleep 1
(cd work && CODEX_HOME="$tmp/codex-home" RECORDER_API_KEY=dummy \
  timeout 90 "$tmp/node_modules/.bin/codex" exec --skip-git-repo-check -s read-only "say hi" </dev/null)
ls rec-claude rec-codex
python3 "$here/sanitize.py" rec-claude/001-POST-v1_messages.json "$here/../claude-code.messages.json"
python3 "$here/sanitize.py" rec-codex/001-POST-v1_responses.json "$here/../codex.responses.json"
echo "fixtures written; recordings kept in $tmp"
