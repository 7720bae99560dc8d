# Short names for scripts/suite.sh (see README.md).
.PHONY: run test setup lint i18n bench
run:
	bash scripts/suite.sh run
test:
	bash scripts/suite.sh test
setup:
	bash scripts/suite.sh setup
lint:
	bash scripts/suite.sh lint
i18n:
	bash scripts/suite.sh i18n
bench:
	bash scripts/suite.sh bench
