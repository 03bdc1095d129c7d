/* The book's planner: the `scaling` command's four questions answered in the browser.
 *
 * Every constant (laws, fitted ranges, limits, GPU peaks, options, table headers, range
 * sentences) comes from the package: the book build writes scaling.planner_data into the page
 * as <script type="application/json" id="scaling-planner-data">. This file ports only the
 * closed forms of scaling.planning (a law's compute-optimal frontier and loss, 6ND, GPU-days)
 * and scaling.fmt's number formatter. tests/test_planner.py checks both against the CLI.
 *
 * API: window.scalingPlanner.run(command, args) takes the CLI's option names without "--"
 * (run("tokens", {params: 1e10}), run("gain", {from: 1e10, to: 1e11})) and returns the object
 * `scaling --json COMMAND --option=VALUE ...` prints, or {error: "..."} with the CLI's message.
 * Each value is read as the text String(value), as if typed after the option.
 */
(function () {
  "use strict";

  let DATA = null;
  function data() {
    if (!DATA) {
      const el = document.getElementById("scaling-planner-data");
      if (!el) throw new Error("scaling planner: no #scaling-planner-data on this page");
      DATA = JSON.parse(el.textContent);
    }
    return DATA;
  }

  /* ---- Sentences of the CLI (scaling/cli.py) that the package does not export. ----
   * The range sentences come from the package (data().ranges); these are the CLI's own words
   * and argparse's. Keep them in this one table: tests/test_planner.py compares each with the
   * CLI's actual output. */
  const TEXT = {
    notNumber: "{flag} must be a number, got {text}",
    inRange: "{range}, got {text}",
    days: "--days must be a positive number, got {text}",
    mfu: "--mfu must be in (0, 1], got {text}",
    gpu: "--gpu must be one of {gpus}, got {text}",
    cluster: "{range}, got about 10{power} FLOPs; change --gpus, --days or --mfu",
    order: "--to must be larger than --from, got {to} <= {from}",
    required: "the following arguments are required: {flags}",
    unrecognized: "unrecognized arguments: {args}",
    choice: "argument command: invalid choice: {text} (choose from {choices})",
    elsewhere: "{command} reads a file of runs: run it with the scaling command",
    titleTokens: "Training tokens for a model of {n}",
    titleParams: "Model size that {d} can train",
    titlePlan: "{gpus} {gpu} GPUs for {days} at MFU {mfu}: {flops}, then the compute-optimal model",
    titleGain: "Growing a model from {n1} to {n2} parameters, {data}",
    gainEach: "each trained on the data its law says it needs",
    gainBoth: "both trained on {d}",
    headline: "Answer ({law}): {answer}{flag}. Agreeing: {agree}.",
    headlineGain:
      "Answer ({law}): the loss falls by {drop} nats per token, for {factor}× the training compute.",
    extrapolated: " (an extrapolation)",
    inside: "inside",
  };

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (m, key) => (key in values ? values[key] : m));
  }

  /* ---- Python's float() and repr() of a str, as the CLI sees what was typed. ---- */
  // What Python's str.split() and float() count as whitespace.
  const SPACE =
    "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  const DIGITS = "\\d(?:_?\\d)*";
  const FLOAT = new RegExp(
    `^${SPACE}*([+-]?)(?:((?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:e[+-]?${DIGITS})?)` +
      `|(inf|infinity)|(nan))${SPACE}*$`,
    "i",
  );
  const WHITESPACE = new RegExp(`${SPACE}+`, "g");

  function pyFloat(text) {
    const m = FLOAT.exec(text);
    if (!m) return null;
    const sign = m[1] === "-" ? -1 : 1;
    if (m[3]) return sign * Infinity;
    if (m[4]) return NaN;
    return sign * Number(m[2].replace(/_/g, ""));
  }

  // Python's str.isprintable() is false for these categories (the space excepted).
  const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
  const ESCAPES = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

  function pyRepr(text) {
    const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
    let out = "";
    for (const ch of text) {
      const code = ch.codePointAt(0);
      const hex = (width) => code.toString(16).padStart(width, "0");
      if (ch in ESCAPES) out += ESCAPES[ch];
      else if (ch === quote) out += "\\" + ch;
      else if (ch === " " || !UNPRINTABLE.test(ch)) out += ch;
      else if (code < 0x100) out += "\\x" + hex(2);
      else if (code < 0x10000) out += "\\u" + hex(4);
      else out += "\\U" + hex(8);
    }
    return quote + out + quote;
  }

  /* ---- scaling.fmt ---- */
  const SUPERSCRIPTS = Object.fromEntries([..."0123456789-"].map((c, i) => [c, "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"[i]]));
  const SUFFIXES = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]];
  const superscript = (text) => [...text].map((c) => SUPERSCRIPTS[c] || c).join("");
  const missing = (x) => x === null || x === undefined || Number.isNaN(x);
  const signOf = (x) => (x < 0 ? data().minus : "");

  /* Python's rounding: exact, half to even. toFixed/toExponential round exact ties up, so a
   * tie (the exact expansion ends in 5 right after the last kept digit) is fixed here. */
  function roundHalfEven(x, digits, method) {
    const out = x[method](digits);
    const extra = Math.min(25, 100 - digits);
    const long = x[method](digits + extra);
    const [body, exponent = ""] = long.split("e");
    if (body.slice(-extra) !== "5" + "0".repeat(extra - 1)) return out;
    let kept = body.slice(0, body.length - extra);
    const last = kept.replace(/\.$/, "").slice(-1);
    if (Number(last) % 2 === 1) return out;
    if (digits === 0) kept = kept.replace(/\.$/, "");
    return exponent ? `${kept}e${exponent}` : kept;
  }

  /* f"{x:.{d}f}" (with "," grouping when asked) for finite x. */
  function pyFixed(x, d, grouping) {
    const negative = x < 0 || Object.is(x, -0);
    const abs = Math.abs(x);
    let text =
      abs >= 1e21 // toFixed writes e-notation from 1e21; such a double is an integer
        ? BigInt(abs).toString() + (d ? "." + "0".repeat(d) : "")
        : roundHalfEven(abs, d, "toFixed");
    if (grouping) {
      const [whole, frac] = text.split(".");
      text = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac === undefined ? "" : "." + frac);
    }
    return (negative ? "-" : "") + text;
  }

  /* f"{x:.{d}e}" for finite x >= 0: mantissa and exponent. */
  function pyExp(x, d) {
    const [mantissa, exponent] = roundHalfEven(x, d, "toExponential").split("e");
    return [mantissa, parseInt(exponent, 10)];
  }

  function value(x, name) {
    if (missing(x)) return null;
    if (typeof x !== "number") throw new TypeError(`${name || "x"} must be a real number`);
    if (!Number.isFinite(x)) throw new RangeError(`${name || "x"} must be finite, got ${x}`);
    return x;
  }

  function significant(v, digits) {
    if (v === 0) return "0";
    let decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(v)));
    let text = pyFixed(v, decimals, true);
    const rounded = Number(text.replace(/,/g, ""));
    if (rounded && Math.floor(Math.log10(rounded)) !== Math.floor(Math.log10(v))) {
      decimals = Math.max(0, decimals - 1);
      text = pyFixed(v, decimals, true);
    }
    if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
    return text;
  }

  const withUnit = (unit) => (unit ? ` ${unit}` : "");

  function sci(x, digits = 2, unit = "") {
    const v = value(x);
    if (v === null) return data().missing;
    if (v === 0) return `0${withUnit(unit)}`;
    let [mantissa, power] = pyExp(Math.abs(v), digits - 1);
    if (mantissa.includes(".")) mantissa = mantissa.replace(/0+$/, "").replace(/\.$/, "");
    const body = power === 0 ? mantissa : `${mantissa} × 10${superscript(String(power))}`;
    return `${signOf(v)}${body}${withUnit(unit)}`;
  }

  function count(x, digits = 3, unit = "") {
    const v = value(x);
    if (v === null) return data().missing;
    const magnitude = Math.abs(v);
    if (magnitude >= 999.5e12) return sci(v, Math.min(digits, 3), unit);
    const tolerance = 1 - 0.5 * Number(`1e-${digits}`);
    for (const [scale, letter] of SUFFIXES) {
      if (magnitude >= scale * tolerance) {
        const text = significant(magnitude / scale, digits);
        if (Number(text.replace(/,/g, "")) >= 1000 && letter !== "T") continue;
        return `${signOf(v)}${text}${letter}${withUnit(unit)}`;
      }
    }
    return `${signOf(v)}${significant(magnitude, digits)}${withUnit(unit)}`;
  }

  function number(x, digits = 3, unit = "") {
    const v = value(x);
    if (v === null) return data().missing;
    const magnitude = Math.abs(v);
    if (magnitude && (magnitude < 1e-3 || magnitude >= 1e15)) return sci(v, digits, unit);
    if (magnitude >= 1000) return `${signOf(v)}${pyFixed(magnitude, 0, true)}${withUnit(unit)}`;
    return `${signOf(v)}${significant(magnitude, digits)}${withUnit(unit)}`;
  }

  function fixed(x, decimals = 2, unit = "", signed = false) {
    const v = value(x);
    if (v === null) return data().missing;
    const text = pyFixed(Math.abs(v), decimals, true);
    const isZero = Number(text.replace(/,/g, "")) === 0;
    const sign = isZero ? "" : signOf(v) || (signed ? "+" : "");
    return `${sign}${text}${withUnit(unit)}`;
  }

  const flops = (x, digits = 2) => sci(x, digits, "FLOPs");

  function days(x, digits = 3) {
    const text = number(x, digits);
    return text === data().missing ? text : `${text} ${text === "1" ? "day" : "days"}`;
  }

  /* ---- scaling.planning: the laws' closed forms ---- */
  function optimal(form, c) {
    const k = data().flops_per_param_token;
    if (form.form === "chinchilla") {
      const s = form.alpha + form.beta;
      const G = ((form.alpha * form.A) / (form.beta * form.B)) ** (1 / s);
      const x = c / k;
      return [G * x ** (form.beta / s), x ** (form.alpha / s) / G];
    }
    if (form.form === "frontier") {
      const n = form.n_ref * (c / form.flops_ref) ** form.a;
      return [n, c / (k * n)];
    }
    const cMin = c / form.pf_day / 2; // Kaplan: C_min = C/2 in PF-days
    return [form.n_opt[0] * cMin ** form.n_opt[1], form.d_opt[0] * cMin ** form.d_opt[1]];
  }

  function loss(form, n, d) {
    if (form === null) return null;
    if (form.form === "chinchilla") return form.E + form.A / n ** form.alpha + form.B / d ** form.beta;
    const modelTerm = (form.n_c / n) ** (form.alpha_n / form.alpha_d);
    return (modelTerm + form.d_c / d) ** form.alpha_d;
  }

  /* Intercepts and slopes of log N and log D against log C (Law._line). */
  function line(law) {
    const [n1, d1] = optimal(law.optimal, 1e20);
    const [n2, d2] = optimal(law.optimal, 1e24);
    const span = Math.log(1e24) - Math.log(1e20);
    const a = (Math.log(n2) - Math.log(n1)) / span;
    const b = (Math.log(d2) - Math.log(d1)) / span;
    return [Math.log(n1) - a * Math.log(1e20), a, Math.log(d1) - b * Math.log(1e20), b];
  }

  function extrapolation(law, n, d) {
    const out = [];
    for (const [quantity, v] of [["n_params", n], ["n_tokens", d]]) {
      const [low, high] = law.fitted_range[quantity];
      if (!(low <= v && v <= high)) {
        out.push({
          quantity,
          value: v,
          fitted_range: [low, high],
          side: v > high ? "above" : "below",
          factor: v > high ? v / high : low / v,
        });
      }
    }
    return out;
  }

  function answer(law, n, d, withLaw = true) {
    const extra = extrapolation(law, n, d);
    const fields = withLaw
      ? { law: law.name, role: law.role, reading: law.reading, fitted_range: law.fitted_range }
      : {};
    return {
      ...fields,
      n_params: n,
      n_tokens: d,
      tokens_per_param: d / n,
      flops: data().flops_per_param_token * n * d,
      loss: loss(law.loss, n, d),
      extrapolated: extra.length > 0,
      extrapolation: extra,
    };
  }

  function atParams(law, n, withLaw) {
    const [n0, a, d0, b] = line(law);
    return answer(law, n, Math.exp(d0 + (b * (Math.log(n) - n0)) / a), withLaw);
  }

  function atTokens(law, d) {
    const [n0, a, d0, b] = line(law);
    return answer(law, Math.exp(n0 + a * ((Math.log(d) - d0) / b)), d);
  }

  function atFlops(law, c) {
    const [n0, a, d0, b] = line(law);
    const logC = Math.log(c);
    return answer(law, Math.exp(n0 + a * logC), Math.exp(d0 + b * logC));
  }

  /* ---- The CLI: parse, validate in the CLI's order, answer ---- */
  class UsageError extends Error {}

  function parsed(text, flag) {
    const x = pyFloat(text);
    if (x === null) throw new UsageError(fill(TEXT.notNumber, { flag, text: pyRepr(text) }));
    return x;
  }

  /* A value checked against the limits of scaling.planning.check_params / check_tokens. */
  function inLimits(text, flag, kind) {
    const x = parsed(text, flag);
    const [low, high] = data().limits[kind === "params" ? "n_params" : "n_tokens"];
    if (Number.isNaN(x)) throw rangeError(`${kind}_nan`, flag, text);
    if (!(low <= x && x <= high)) throw rangeError(kind, flag, text);
    return x;
  }

  function rangeError(key, flag, text) {
    const range = fill(data().ranges[key], { flag });
    return new UsageError(fill(TEXT.inRange, { range, text }));
  }

  function wholeGpus(text) {
    const x = parsed(text, "--gpus");
    if (Number.isNaN(x)) throw rangeError("gpus_nan", "--gpus", text);
    if (x < 1 || !Number.isFinite(x) || !Number.isInteger(x)) throw rangeError("gpus", "--gpus", text);
    return x;
  }

  function options(command, args) {
    const specs = data().commands[command];
    const given = {};
    const unknown = [];
    for (const [key, raw] of Object.entries(args || {})) {
      if (raw === undefined || raw === null) continue;
      const text = String(raw);
      if (specs.some((s) => s.flag === `--${key}`)) given[`--${key}`] = text;
      else unknown.push(`--${key}=${text}`);
    }
    const absent = specs.filter((s) => s.required && !(s.flag in given)).map((s) => s.flag);
    if (absent.length) throw new UsageError(fill(TEXT.required, { flags: absent.join(", ") }));
    if (unknown.length) throw new UsageError(fill(TEXT.unrecognized, { args: unknown.join(" ") }));
    for (const s of specs) if (!(s.flag in given) && s.default !== null) given[s.flag] = s.default;
    return given;
  }

  function planCluster(opts) {
    const gpus = wholeGpus(opts["--gpus"]);
    const dayCount = parsed(opts["--days"], "--days");
    if (!(0 < dayCount && dayCount < Infinity)) {
      throw new UsageError(fill(TEXT.days, { text: pyRepr(opts["--days"]) }));
    }
    const mfu = parsed(opts["--mfu"], "--mfu");
    if (!(0 < mfu && mfu <= 1)) throw new UsageError(fill(TEXT.mfu, { text: pyRepr(opts["--mfu"]) }));
    const peaks = data().gpus;
    const gpu = opts["--gpu"].toUpperCase();
    if (!(gpu in peaks)) {
      const known = Object.keys(peaks).join(", ");
      throw new UsageError(fill(TEXT.gpu, { gpus: known, text: pyRepr(opts["--gpu"]) }));
    }
    const peak = peaks[gpu];
    const seconds = data().seconds_per_day;
    const logFlops = Math.log(gpus) + Math.log(peak) + Math.log(mfu) + Math.log(dayCount * seconds);
    const [low, high] = data().limits.flops;
    if (!(Math.log(low) <= logFlops && logFlops <= Math.log(high))) {
      const power = superscript(pyFixed(logFlops / Math.log(10), 0, false));
      const sentence = data().ranges.cluster;
      const range = sentence[0].toUpperCase() + sentence.slice(1);
      throw new UsageError(fill(TEXT.cluster, { range, power }));
    }
    const c = gpus * peak * mfu * dayCount * seconds;
    return { inputs: { n_gpus: gpus, gpu, days: dayCount, mfu, flops: c }, c };
  }

  function compute(command, args) {
    const commands = data().cli_commands;
    if (!commands.includes(command)) {
      const choices = commands.map(pyRepr).join(", ");
      throw new UsageError(fill(TEXT.choice, { text: pyRepr(String(command)), choices }));
    }
    if (!(command in data().commands)) {
      throw new UsageError(fill(TEXT.elsewhere, { command }));
    }
    const opts = options(command, args);
    const laws = data().laws;
    const head = { command };
    const tail = { headline: data().headline };
    if (command === "tokens") {
      const n = inLimits(opts["--params"], "--params", "params");
      return { ...head, n_params: n, ...tail, results: laws.map((law) => atParams(law, n, true)) };
    }
    if (command === "params") {
      const d = inLimits(opts["--tokens"], "--tokens", "tokens");
      return { ...head, n_tokens: d, ...tail, results: laws.map((law) => atTokens(law, d)) };
    }
    if (command === "plan") {
      const { inputs, c } = planCluster(opts);
      return { ...head, ...inputs, ...tail, results: laws.map((law) => atFlops(law, c)) };
    }
    const n1 = inLimits(opts["--from"], "--from", "params");
    const n2 = inLimits(opts["--to"], "--to", "params");
    if (n2 <= n1) {
      throw new UsageError(fill(TEXT.order, { to: pyRepr(opts["--to"]), from: pyRepr(opts["--from"]) }));
    }
    const d = "--tokens" in opts ? inLimits(opts["--tokens"], "--tokens", "tokens") : null;
    const results = laws.map((law) => {
      const before = d === null ? atParams(law, n1, false) : answer(law, n1, d, false);
      const after = d === null ? atParams(law, n2, false) : answer(law, n2, d, false);
      const drop = before.loss === null || after.loss === null ? null : before.loss - after.loss;
      return {
        law: law.name,
        role: law.role,
        reading: law.reading,
        fitted_range: law.fitted_range,
        before,
        after,
        loss_reduction: drop,
        compute_factor: after.flops / before.flops,
      };
    });
    return { ...head, from_params: n1, to_params: n2, n_tokens: d, ...tail, results };
  }

  /* The CLI's one-line message: whitespace runs collapse to one space. */
  const oneLine = (message) => message.split(WHITESPACE).filter(Boolean).join(" ");

  function run(command, args) {
    try {
      return JSON.parse(JSON.stringify(compute(command, args)));
    } catch (error) {
      if (error instanceof UsageError) return { error: oneLine(error.message) };
      throw error;
    }
  }

  /* ---- The table the CLI prints ---- */
  const lossText = (x) => (x === null ? data().missing : fixed(x, 3));
  const describe = (e) => `${e.quantity === "n_params" ? "N" : "D"} ${number(e.factor, 3)}× ${e.side}`;
  const outside = (a) => a.extrapolation.map(describe).join("; ") || TEXT.inside;

  function headlineOf(doc, what) {
    const show = (a, units) => {
      const n = count(a.n_params, 3, units ? "parameters" : "");
      const d = count(a.n_tokens, 3, units ? "tokens" : "");
      return { n_tokens: d, n_params: n, both: `${n} on ${d}` }[what];
    };
    const [best, ...rest] = doc.results;
    return fill(TEXT.headline, {
      law: best.law,
      answer: show(best, true),
      flag: best.extrapolated ? TEXT.extrapolated : "",
      agree: rest.slice(0, 2).map((a) => `${a.law} ${show(a, false)}`).join(", "),
    });
  }

  /* {title, headline, header, rows} as the CLI prints them, or {error}. */
  function render(command, args) {
    const doc = run(command, args);
    if (doc.error) return doc;
    if (command === "gain") {
      const best = doc.results[0];
      const rows = doc.results.map((g) => {
        const flagged = [["N1", g.before], ["N2", g.after]].filter(([, a]) => a.extrapolated);
        return [
          g.law,
          count(g.before.n_tokens),
          lossText(g.before.loss),
          count(g.after.n_tokens),
          lossText(g.after.loss),
          g.loss_reduction === null ? data().missing : fixed(g.loss_reduction, 3),
          number(g.compute_factor, 3),
          flagged.map(([label, a]) => `${label}: ${outside(a)}`).join("; ") || TEXT.inside,
        ];
      });
      const dataText =
        doc.n_tokens === null ? TEXT.gainEach : fill(TEXT.gainBoth, { d: count(doc.n_tokens, 3, "tokens") });
      return {
        title: fill(TEXT.titleGain, { n1: count(doc.from_params), n2: count(doc.to_params), data: dataText }),
        headline: fill(TEXT.headlineGain, {
          law: best.law,
          drop: fixed(best.loss_reduction, 3),
          factor: number(best.compute_factor, 3),
        }),
        header: data().gain_header,
        rows,
      };
    }
    const titles = {
      tokens: () => fill(TEXT.titleTokens, { n: count(doc.n_params, 3, "parameters") }),
      params: () => fill(TEXT.titleParams, { d: count(doc.n_tokens, 3, "tokens") }),
      plan: () =>
        fill(TEXT.titlePlan, {
          gpus: count(doc.n_gpus),
          gpu: doc.gpu,
          days: days(doc.days),
          mfu: number(doc.mfu),
          flops: flops(doc.flops),
        }),
    };
    const what = { tokens: "n_tokens", params: "n_params", plan: "both" }[command];
    return {
      title: titles[command](),
      headline: headlineOf(doc, what),
      header: data().answer_header,
      rows: doc.results.map((a) => [
        a.law,
        count(a.n_params),
        count(a.n_tokens),
        number(a.tokens_per_param, 3),
        sci(a.flops, 2),
        lossText(a.loss),
        outside(a),
      ]),
    };
  }

  /* ---- The forms on the page ---- */
  const QUESTIONS = {
    tokens: "How much data does a model need?",
    params: "How big a model can a dataset train?",
    plan: "What should a GPU cluster train?",
    gain: "What does a bigger model buy?",
  };
  const FIELDS = {
    "--params": ["Model size N, parameters", "10e9"],
    "--tokens": ["Training tokens D", "1e12"],
    "--gpus": ["Number of GPUs", "100"],
    "--gpu": ["GPU type", null],
    "--days": ["Wall-clock days", "30"],
    "--mfu": ["Model FLOP utilisation (MFU)", null],
    "--from": ["From N₁ parameters", "10e9"],
    "--to": ["To N₂ parameters", "100e9"],
  };
  const GAIN_TOKENS = ["Tokens for both (optional)", ""];
  const HINTS = {
    "--params": () => `${count(data().limits.n_params[0])} to ${count(data().limits.n_params[1])}`,
    "--tokens": () => `${count(data().limits.n_tokens[0])} to ${count(data().limits.n_tokens[1])}`,
    "--from": () => HINTS["--params"](),
    "--to": () => HINTS["--params"](),
    "--mfu": () => "above 0, at most 1",
    "--days": () => "above 0",
    "--gpus": () => "a whole number, at least 1",
  };

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = v;
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  function field(uid, command, spec) {
    const key = spec.flag.slice(2);
    const id = `${uid}-${command}-${key}`;
    const [label, example] = command === "gain" && key === "tokens" ? GAIN_TOKENS : FIELDS[spec.flag];
    const hint =
      HINTS[spec.flag] && el("span", { class: "planner-hint", id: `${id}-hint`, text: HINTS[spec.flag]() });
    let input;
    if (key === "gpu") {
      input = el("select", { id, name: key });
      for (const name of Object.keys(data().gpus)) {
        input.append(el("option", { value: name, selected: name === spec.default, text: name }));
      }
    } else {
      input = el("input", {
        id,
        name: key,
        type: "text",
        inputmode: "decimal",
        autocomplete: "off",
        spellcheck: "false",
        required: spec.required,
        "aria-describedby": hint ? `${id}-hint` : null,
      });
      input.value = spec.default !== null ? spec.default : example;
    }
    return el("div", { class: "planner-field" }, el("label", { for: id, text: label }), input, hint);
  }

  function table(result) {
    const numeric = (i) => i > 0 && i < result.header.length - 1;
    const head = el("tr", {}, ...result.header.map((h, i) =>
      el("th", { scope: "col", role: "columnheader", class: numeric(i) ? "planner-number" : null, text: h }),
    ));
    const body = result.rows.map((row) =>
      el("tr", { role: "row" }, ...row.map((cell, i) =>
        el(i === 0 ? "th" : "td", {
          scope: i === 0 ? "row" : null,
          role: i === 0 ? "rowheader" : "cell",
          "data-label": result.header[i],
          class: numeric(i) ? "planner-number" : null,
          text: cell,
        }),
      )),
    );
    head.setAttribute("role", "row");
    return el(
      "table",
      { class: "planner-table", role: "table" },
      el("caption", { text: result.title }),
      el("thead", { role: "rowgroup" }, head),
      el("tbody", { role: "rowgroup" }, ...body),
    );
  }

  function mount(root, index) {
    const uid = `planner${index}`;
    const choose = el("fieldset", { class: "planner-questions" }, el("legend", { text: "Question" }));
    const forms = {};
    const output = el(
      "div",
      { class: "planner-output", id: `${uid}-output` },
      el("p", { class: "planner-status", role: "status", "aria-live": "polite" }),
      el("div", { class: "planner-scroll" }),
    );
    for (const [command, specs] of Object.entries(data().commands)) {
      const radioId = `${uid}-q-${command}`;
      const radio = el("input", { type: "radio", name: `${uid}-question`, id: radioId, value: command });
      const label = el("label", { for: radioId, text: QUESTIONS[command] });
      choose.append(el("div", { class: "planner-question" }, radio, label));
      const form = el(
        "form",
        { class: "planner-form", "data-command": command, "aria-label": QUESTIONS[command], novalidate: true },
        ...specs.map((spec) => field(uid, command, spec)),
        el("div", { class: "planner-actions" }, el("button", { type: "submit", text: "Answer" })),
      );
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        answerForm(form, output);
      });
      form.addEventListener("change", () => answerForm(form, output));
      forms[command] = form;
      radio.addEventListener("change", () => show(command));
    }
    function show(command) {
      for (const [name, form] of Object.entries(forms)) form.hidden = name !== command;
      choose.querySelector(`input[value="${command}"]`).checked = true;
      answerForm(forms[command], output);
    }
    root.replaceChildren(choose, ...Object.values(forms), output);
    show(root.dataset.command || Object.keys(forms)[0]);
  }

  /* The sentence goes to a live region (read out on each answer); the table sits beside it. */
  function answerForm(form, output) {
    const command = form.dataset.command;
    const status = output.querySelector(".planner-status");
    const box = output.querySelector(".planner-scroll");
    const args = {};
    for (const input of form.querySelectorAll("input, select")) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-errormessage");
      const optional = !input.required && input.tagName === "INPUT";
      if (!(optional && input.value.trim() === "")) args[input.name] = input.value;
    }
    const result = render(command, args);
    status.id = `${output.id}-status`;
    if (result.error) {
      status.className = "planner-status planner-error";
      status.textContent = `Error: ${result.error}`;
      box.replaceChildren();
      for (const input of form.querySelectorAll("input, select")) {
        if (new RegExp(`--${input.name}(?![\\w-])`).test(result.error)) {
          input.setAttribute("aria-invalid", "true");
          input.setAttribute("aria-errormessage", status.id);
        }
      }
      return;
    }
    status.className = "planner-status";
    status.textContent = result.headline;
    box.replaceChildren(table(result));
  }

  function start() {
    document.querySelectorAll(".scaling-planner").forEach((root, i) => mount(root, i));
  }

  window.scalingPlanner = { run, render, fmt: { sci, count, number, fixed, flops, days } };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
