# `make` installs what is missing, compiles src/ to dist/ and builds output/
# from manuscript/; `make test` runs the test suite.
MANUSCRIPT ?= manuscript/letter.md
export PUPPETEER_SKIP_DOWNLOAD := 1

.PHONY: all build test check watch bench clean deps browser dist

all: build

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# bin/galley.js runs the bundle in dist/bundle/ when it is newer than every file
# under src/ (else the sources through tsx); `npm ci` builds it too, through `prepare`.
dist/bundle/.built: tsconfig.json tsconfig.build.json scripts/bundle.mjs $(shell find src -type f) | node_modules/.installed
	npm run --silent build:dist

dist: dist/bundle/.built

deps: node_modules/.installed dist/bundle/.built

browser: deps
	@scripts/system-deps.sh browser

build: deps browser
	node bin/galley.js build $(MANUSCRIPT)

check: deps
	node bin/galley.js check $(MANUSCRIPT)

watch: deps browser
	node bin/galley.js watch $(MANUSCRIPT) --serve

test: deps
	@scripts/system-deps.sh test
	npx tsc --noEmit
	npx vitest run $(VITEST_FLAGS)

bench: deps browser
	node --import tsx bench/run.ts

clean:
	rm -rf output/*.xml output/*.html output/*.pdf output/*.png output/assets
