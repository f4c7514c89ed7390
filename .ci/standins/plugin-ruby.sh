# shellcheck shell=bash
# .ci/standins/plugin-ruby.sh — sourced by .ci/standins.sh: the stand-ins for
# ruby:3.1-slim-bookworm and ruby:3.3-slim-trixie (each Debian release's ruby
# and bundler, laid out like the official image; see ruby.Dockerfile), LABEL
# org.dockergen.standin.runtime (ruby --version). ruby:*-alpine3.22 cannot be
# built here (no registry, no Alpine mirror).
T_RUBY=ruby:3.1-slim-bookworm
T_RUBY_TRIXIE=ruby:3.3-slim-trixie
ALL_TAGS+=("$T_RUBY" "$T_RUBY_TRIXIE")
PLUGIN_BUILDS+=("$T_RUBY build_ruby $T_RUBY bookworm" "$T_RUBY_TRIXIE build_ruby $T_RUBY_TRIXIE trixie")
PLUGIN_CHECKS+=(check_ruby)

# build_ruby TAG RELEASE
build_ruby() {
	local tag="$1" rel="$2" ctx="$WORK/ctx-ruby" ncas
	rm -rf "$ctx"
	mkdir -p "$ctx"
	ncas="$(host_cas "$ctx")"
	dbuild "$tag" "$HERE/standins/ruby.Dockerfile" "$ctx" --build-arg BASE="$(debian_tag "$rel")" \
		--label "$LABEL_KEY.host-cas=$ncas"
	rm -rf "$ctx"
	runtime_label "$tag" "$tag" ruby --version
}

check_ruby() {
	local tag
	for tag in "$T_RUBY" "$T_RUBY_TRIXIE"; do
		check "$tag ruby, bundler, layout" "$tag" sh -c 'ruby -rnet/http -rsocket -e "puts RUBY_VERSION" && bundle --version && test -x /usr/local/bin/ruby && test -x /usr/local/bin/bundle && test "$GEM_HOME" = /usr/local/bundle && test "$BUNDLE_APP_CONFIG" = /usr/local/bundle && ! command -v gcc'
		# An empty Gemfile.lock installs offline in deployment (frozen) mode.
		check "$tag bundle install --deployment offline" --tmpfs /w:uid=10001,gid=10001 -e HOME=/w "$tag" sh -c 'cd /w && printf "source \"https://rubygems.org\"\n" >Gemfile && printf "GEM\n  remote: https://rubygems.org/\n  specs:\n\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n\nBUNDLED WITH\n   %s\n" "$(bundle --version | cut -d" " -f3)" >Gemfile.lock && BUNDLE_DEPLOYMENT=1 BUNDLE_FROZEN=1 BUNDLE_PATH=/w/b bundle install --quiet && BUNDLE_DEPLOYMENT=1 BUNDLE_PATH=/w/b ruby -rbundler/setup -e "puts :ok"'
	done
}
