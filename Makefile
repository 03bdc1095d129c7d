# The two commands of the README: `make book` and `make test`. Both create .venv when missing.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# One BLAS thread per process: on a 2-core machine threaded BLAS makes the small fits slower.
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
REQS := requirements/runtime.txt requirements/book.txt requirements/test.txt requirements/lab.txt requirements/constraints.txt pyproject.toml
KIT := _build/kit/scaling-course-kit.zip
TEACHER_KIT := _build/kit/scaling-course-kit-teacher.zip
# Extra arguments for `make lab`, e.g. make lab LAB_ARGS="--no-browser --port 8890".
LAB_ARGS ?=

.PHONY: book book-student kit lab test lint format serve benchmark clean i18n-update i18n-stats

$(STAMP): $(REQS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/test.txt -r requirements/lab.txt -c requirements/constraints.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

# The site also carries the course kit (book/_ext/course_kit.py writes it into _downloads/).
book: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going --builder html
	$(BIN)/python book/_ext/translation.py build _build
	@echo "Book built: open $(CURDIR)/_build/html/index.html (or run: make serve)"
	@echo "Chinese edition: $(CURDIR)/_build/html/zh/index.html"
	@echo "Course kits: $(CURDIR)/_build/html/_downloads/scaling-course-kit.zip (students),"
	@echo "  $(CURDIR)/_build/html/_downloads/scaling-course-kit-teacher.zip (with solutions)"

# The Chinese edition's catalogues (book/locale/zh_CN/LC_MESSAGES/*.po) follow the English
# text: new messages arrive empty, changed ones fuzzy; translate them, then `make book`.
i18n-update: $(STAMP)
	$(BIN)/python book/_ext/translation.py update

i18n-stats: $(STAMP)
	$(BIN)/python book/_ext/translation.py stats

# The student edition: the same site without solutions, built from the notebooks' stored outputs.
book-student: $(STAMP)
	$(BIN)/python tests/build_book.py --student _build/student
	@echo "Student edition built: open $(CURDIR)/_build/student/_build/html/index.html"

# The course kits on their own (notebooks, package, data, pinned requirements, README): the
# student kit without solutions and the teacher's kit with them.
kit: $(STAMP)
	$(BIN)/python book/_ext/course_kit.py $(KIT)
	$(BIN)/python book/_ext/course_kit.py --teacher $(TEACHER_KIT)

# JupyterLab in the project's environment; its python3 kernel is .venv's Python, with `scaling`.
lab: $(STAMP)
	$(BIN)/jupyter lab $(LAB_ARGS)

test: $(STAMP)
	bash tests/install_chromium.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@echo "== unit tests and doctests (two workers) =="
	$(BIN)/python -m pytest scaling tests -m "not book and not browser and not kit" -n 2
	@echo "== notebooks (nbval, strict; one notebook per worker) =="
	$(BIN)/python -m pytest --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg \
		-p no:cacheprovider -n 2 --dist loadfile
	@echo "== book build (-W) and browser; beside them, the course kit in a new venv =="
	$(BIN)/python -m pytest tests -m kit -p no:cacheprovider & kit=$$!; \
	$(BIN)/python -m pytest tests -m "book or browser"; site=$$?; \
	wait $$kit; kit=$$?; test $$site -eq 0 && test $$kit -eq 0

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

serve:
	@echo "Serving _build/html at http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory _build/html

benchmark: $(STAMP)
	$(BIN)/python benchmarks/book_timings.py

clean:
	rm -rf _build
