# Corpus Explorer: the two commands of the quick start, and a few more.
#
#   make run     install what is missing, build, open the sample corpus
#   make check   install what is missing, build, run every test suite, then
#                the unit and cli suites again built with AddressSanitizer,
#                UndefinedBehaviorSanitizer and LeakSanitizer (SANITIZE=0
#                skips that second run)
#   make fuzz    build the fuzz targets with clang and run each for
#                FUZZ_SECONDS (see fuzz/README.md)
#
# Both need Debian 12 (or a derivative) with apt; as a normal user the
# dependency step prints the apt-get command to run and stops.

BUILDDIR ?= _build
MESON_OPTIONS ?=
SANITIZE ?= 1
ASAN_BUILDDIR ?= $(BUILDDIR)-asan
FUZZ_BUILDDIR ?= $(BUILDDIR)-fuzz
FUZZ_SECONDS ?= 60
DATA_HOME := $(or $(XDG_DATA_HOME),$(HOME)/.local/share)
SAMPLE_CORPUS := $(DATA_HOME)/corpus-explorer/sample.corpus
SAMPLE_SOURCE := data/sample/sample.jsonl

# Everything the build, the app and the test suites need, by Debian 12 name
DEPS := \
	gcc libc6-dev make meson ninja-build pkg-config gettext python3 \
	libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev \
	libsqlite3-dev libjson-glib-dev libxml2-dev libgmime-3.0-dev \
	libcairo2-dev libpango1.0-dev \
	desktop-file-utils appstream libxml2-utils librsvg2-bin shared-mime-info \
	xvfb xauth dbus fonts-dejavu-core fonts-cantarell fonts-wqy-zenhei adwaita-icon-theme \
	hicolor-icon-theme gsettings-desktop-schemas time sqlite3 \
	man-db groff-base bsdextrautils locales libxtst-dev

.PHONY: all deps build build-asan run check bench fuzz clean

all: build

deps:
	@missing=""; \
	for pkg in $(DEPS); do \
	  dpkg-query -W -f='$${Status}\n' $$pkg 2>/dev/null | grep -q '^install ok installed' \
	    || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing:$$missing"; \
	    apt-get update -q && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	  else \
	    echo "These Debian packages are missing. Install them with:"; \
	    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends$$missing"; \
	    exit 1; \
	  fi; \
	fi
	@# The German UI test (test-i18n-ui) runs in the de_DE.UTF-8 locale
	@if ! locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\?8'; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Generating the de_DE.UTF-8 locale"; \
	    sed -i 's/^# *\(de_DE\.UTF-8 UTF-8\)/\1/' /etc/locale.gen && \
	    { grep -q '^de_DE\.UTF-8 UTF-8' /etc/locale.gen || echo 'de_DE.UTF-8 UTF-8' >> /etc/locale.gen; } && \
	    locale-gen; \
	  else \
	    echo "The German UI test is skipped without the de_DE.UTF-8 locale. Generate it with:"; \
	    echo "  sudo sed -i 's/^# *de_DE.UTF-8 UTF-8/de_DE.UTF-8 UTF-8/' /etc/locale.gen && sudo locale-gen"; \
	  fi; \
	fi

$(BUILDDIR)/build.ninja:
	meson setup $(BUILDDIR) $(MESON_OPTIONS)

build: deps $(BUILDDIR)/build.ninja
	@if [ -n "$(MESON_OPTIONS)" ]; then meson configure $(BUILDDIR) $(MESON_OPTIONS); fi
	ninja -C $(BUILDDIR)

run: build
	@if [ ! -f "$(SAMPLE_CORPUS)" ]; then \
	  mkdir -p "$(dir $(SAMPLE_CORPUS))" && \
	  $(BUILDDIR)/src/corpus-explorer import --into "$(SAMPLE_CORPUS)" $(SAMPLE_SOURCE); \
	fi
	GSETTINGS_SCHEMA_DIR=$(BUILDDIR)/data $(BUILDDIR)/src/corpus-explorer "$(SAMPLE_CORPUS)"

$(ASAN_BUILDDIR)/build.ninja:
	meson setup $(ASAN_BUILDDIR) $(MESON_OPTIONS) -Db_sanitize=address,undefined -Db_lundef=false -Dui_tests=false

build-asan: deps $(ASAN_BUILDDIR)/build.ninja
	@if [ -n "$(MESON_OPTIONS)" ]; then meson configure $(ASAN_BUILDDIR) $(MESON_OPTIONS); fi
	ninja -C $(ASAN_BUILDDIR)

check: build $(if $(filter 0,$(SANITIZE)),,build-asan)
	@status=0; logs=$(BUILDDIR)/meson-logs/testlog.json; \
	xvfb-run -a -s "-screen 0 1600x1200x24" \
	  meson test -C $(BUILDDIR) --print-errorlogs --num-processes 2 || status=$$?; \
	if [ "$(SANITIZE)" != 0 ]; then \
	  echo "Unit and cli suites under AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer"; \
	  meson test -C $(ASAN_BUILDDIR) --suite unit --suite cli --no-suite no-sanitizer --print-errorlogs \
	    --num-processes 2 --timeout-multiplier 6 || status=1; \
	  logs="$$logs $(ASAN_BUILDDIR)/meson-logs/testlog.json"; \
	fi; \
	python3 tools/test-summary.py $$logs || status=1; \
	exit $$status

bench: build
	bench/run.sh $(BUILDDIR)

fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh $(FUZZ_BUILDDIR)

clean:
	rm -rf $(BUILDDIR) $(ASAN_BUILDDIR) $(FUZZ_BUILDDIR)
