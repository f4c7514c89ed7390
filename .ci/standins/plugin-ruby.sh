# shellcheck shell=bash
# .ci/standins/plugin-ruby.sh — sourced by .ci/standins.sh: the stand-in for
# ruby:3.1-slim-bookworm (Debian bookworm's ruby 3.1 and bundler, laid out like
# the official image; see ruby.Dockerfile). ruby:*-alpine3.22 cannot be built
# here (no registry, no Alpine mirror).
T_RUBY=ruby:3.1-slim-bookworm
ALL_TAGS+=("$T_RUBY")
PLUGIN_BUILDS+=("$T_RUBY build_ruby")
PLUGIN_CHECKS+=(check_ruby)

build_ruby() {
	local ctx="$WORK/ctx-ruby" ncas
	rm -rf "$ctx"
	mkdir -p "$ctx"
	ncas="$(host_cas "$ctx")"
	dbuild "$T_RUBY" "$HERE/standins/ruby.Dockerfile" "$ctx" --label "$LABEL_KEY.host-cas=$ncas"
	rm -rf "$ctx"
}

check_ruby() {
	check "$T_RUBY ruby, bundler, layout" "$T_RUBY" sh -c 'ruby -rnet/http -rsocket -e "puts RUBY_VERSION" && bundle --version && test -x /usr/local/bin/ruby && test -x /usr/local/bin/bundle && test "$GEM_HOME" = /usr/local/bundle && test "$BUNDLE_APP_CONFIG" = /usr/local/bundle && ! command -v gcc'
	# An empty Gemfile.lock installs offline in deployment (frozen) mode.
	check "$T_RUBY bundle install --deployment offline" --tmpfs /w:uid=10001,gid=10001 -e HOME=/w "$T_RUBY" sh -c 'cd /w && printf "source \"https://rubygems.org\"\n" >Gemfile && printf "GEM\n  remote: https://rubygems.org/\n  specs:\n\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n\nBUNDLED WITH\n   %s\n" "$(bundle --version | cut -d" " -f3)" >Gemfile.lock && BUNDLE_DEPLOYMENT=1 BUNDLE_FROZEN=1 BUNDLE_PATH=/w/b bundle install --quiet && BUNDLE_DEPLOYMENT=1 BUNDLE_PATH=/w/b ruby -rbundler/setup -e "puts :ok"'
}
