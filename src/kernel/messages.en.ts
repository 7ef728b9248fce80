/**
 * @module kernel/messages.en
 * English wording of every error code. Each message says what happened, where, and what to do.
 * `{name}` placeholders are filled from the error's details.
 */
export const messagesEn = {
  // Parameters (src/rules/parameters): the loader is strict and names file, line and key.
  parameter_yaml_syntax: '{file}:{line}: this is not valid YAML ({reason}). Fix the syntax at that line.',
  parameter_unknown_key:
    '{file}:{line}: unknown key "{key}". Allowed here: {allowed}. Remove it or fix its spelling.',
  parameter_bad_date:
    '{file}:{line}: "{key}" is not a start date. Dates are written YYYY-MM-DD and must exist, e.g. 2022-10-01.',
  parameter_duplicate_date:
    '{file}:{line}: the start date {key} appears twice. Keep one value per date (a value holds until the next date).',
  parameter_missing_reference:
    '{file}:{line}: the value for {key} has no "reference". Cite the legal instrument and article, or the REFERENCE.md section it comes from.',
  parameter_bad_value: '{file}:{line}: the value for {key} is not valid: {reason}.',
  parameter_missing_field: '{file}:{line}: "{key}" is required here: {reason}.',
  parameter_before_first_value:
    'Parameter {name} has no value at {date}: its first value starts on {first} ({file}). Ask for a date on or after {first}, or add an earlier dated value with its reference.',
  parameter_unknown: 'There is no parameter named {name}. {hint}',
  parameter_not_a_scale: 'Parameter {name} is a {kind}, not a scale; use it as a value.',
  parameter_is_a_scale:
    'Parameter {name} is a scale; look it up with scale(...) instead of using it as a value.',

  // Variables and formulas (src/rules/variables).
  variable_unknown: 'There is no variable named "{name}". {hint}',
  variable_duplicate:
    'Two variables are named "{name}". Variable names are the public API of the law and must be unique.',
  variable_bad_formula_date:
    'Variable {name}: formula key "{key}" is not a start date. Key formulas by YYYY-MM-DD.',
  variable_entity_mismatch:
    'Variable {name} ({entity}) reads {other} ({otherEntity}) directly. Use an aggregate (sum, count, any) or a group value to cross entities.',
  variable_period_mismatch:
    'Variable {name} (per {period}) reads {other} (per {otherPeriod}); both must have the same period.',
  variable_cycle: 'Variables form a cycle: {cycle}. A variable cannot depend on itself.',
  variable_type_mismatch: 'Variable {name}: {reason}.',

  // Situations and inputs (explain, law tests).
  period_bad: '"{value}" is not a period. Write a month as YYYY-MM (e.g. 2024-05) or a year as YYYY.',
  period_wrong_unit: 'Variable {name} is defined per {expected}; give a period like {example}.',
  input_not_a_number: 'Input {name}="{value}" is not a number. Give digits only, e.g. {name}=1200000.',
  input_negative: 'Input {name}={value} is negative; {name} cannot be below {min}.',
  input_bad_format: 'Input "{value}" is not of the form name=value, e.g. --input wage=1200000.',
  input_not_an_input:
    'Cannot set {name}: it is not a variable of entity {entity}. Inputs of {entity}: {allowed}.',
  input_bad_enum: 'Input {name}="{value}" is not one of: {allowed}.',
  input_bad_boolean: 'Input {name}="{value}" is not true or false.',
  situation_invalid: 'The situation {file} is not valid: {reason}.',
  situation_unreadable: 'Cannot read the situation file {file}: {reason}.',

  // Law tests.
  law_test_invalid: '{file}:{line}: law test case is not valid: {reason}.',

  // Storage.
  database_unreachable:
    'Cannot reach the database at {url}: {reason}. Check DATABASE_URL, or unset it to use the embedded database in --data.',
  data_dir_unusable: 'Cannot use the data directory {dir}: {reason}. Pass --data with a writable folder.',

  // Command line.
  cli_usage: '{reason}',
  bench_bad_persons: '--persons must be a positive whole number (got "{value}").',

  // Legacy registers and the merger (src/merger).
  legacy_file_missing:
    'The legacy file {file} does not exist. `samaki merge --from DIR` expects nssf/, nssf-c/ and nfv/ folders as `samaki synth` writes them.',
  legacy_file_encoding:
    '{file}, row {row}: the file is not valid UTF-8, so the whole file is refused and nothing was imported. Re-export it as UTF-8 and run the merge again.',
  legacy_file_unreadable:
    '{file}: the file cannot be read ({reason}), so the whole file is refused and nothing was imported. Re-export it and run the merge again.',
  legacy_bad_header:
    '{file}, row {row}, column {column}: found {found} where the header should read: {expected}. The whole file is refused and nothing was imported; fix the header and run the merge again.',
  merge_folder_missing:
    'There is no folder {dir} to merge. Pass --from with the folder `samaki synth --out` wrote.',
  review_not_found: 'There is no review item {id}. `samaki review list` shows the open ones.',
  review_already_decided:
    'Review item {id} was already {status} by {by} on {at}; a decision is not changed twice. Split the member instead if the link was wrong.',
  member_not_found: 'There is no member {id}. `samaki member show` takes a member number from the merge.',
  split_bad_records:
    "Cannot split member {id}: {reason}. Name records as source:record_id (e.g. nssf:1234567897), at least one and not all of the member's records.",
  actor_missing:
    'Say who decides: pass --by with your user name. Every decision is recorded with who and when.',

  // The synthetic Cambodia (src/synth).
  synth_bad_scale:
    '--scale must be a number above 0 and at most 1.5 (1 is the whole country, 0.01 is one percent); got "{value}".',
  synth_bad_seed: '--seed must be a whole number from 0 to 4294967295 (got "{value}").',
  synth_out_unwritable:
    'Cannot write the synthetic data to {dir}: {reason}. Pass --out with a folder you can write to.',
  synth_no_data:
    'There is no synthetic data in {dir} ({reason}). Generate it first: samaki synth --scale 0.01 --out {dir}.',
  synth_registry_not_empty:
    'The registry in the database already holds {persons} persons, so nothing was loaded. Run again with --replace to load the synthetic registry in their place.',

  // The fund (src/fund, src/registry).
  employer_not_found:
    'There is no employer {id}. Check the employer number (E followed by 7 digits), or list the employers with `samaki fund employers`.',
  employer_invalid:
    'The employer was not registered: {reason}. Nothing was saved; correct it and register again.',
  employer_duplicate:
    'Business registration number {businessNo} is already registered as employer {employerNo}. Use that employer rather than registering it twice.',
  worker_invalid:
    'The worker was not registered: {reason}. Nothing was saved; correct it and register again.',
  member_unknown:
    'There is no member {id}. Register the worker first (samaki fund register-worker, or POST /employers/{employer}/workers).',
  declaration_invalid:
    'The declaration of {employerNo} for {month} was refused with {count} problem(s); the first: {first}. Nothing was saved: correct every row listed and send the whole declaration again.',
  declaration_exists:
    'Employer {employerNo} has already declared {month} (declaration {id}, version {version}). To correct it, send an amendment of that declaration.',
  declaration_not_found: 'There is no declaration {id} of employer {employerNo}.',
  declaration_superseded:
    'Declaration {id} was superseded by declaration {current} (version {version}); amend the current version instead.',
  exchange_rate_missing:
    "No exchange rate is recorded for {month}, and the declaration has wages in US dollars. Record the month's NBC rate first (samaki fund exchange-rate {month} RIEL_PER_USD), then declare again.",
  idempotency_conflict:
    'The idempotency key "{key}" was already used for a different request ({operation}). Send a new key with a new request; repeat a request only with exactly the same content.',
  payment_invalid: 'The payment was not recorded: {reason}. Nothing was saved.',

  // The HTTP API and its users (src/api, src/access).
  auth_required:
    'Sign in first: this route needs a session. Log in with POST /auth/login and send the token it returns as the header "Authorization: Bearer <token>".',
  auth_invalid:
    'The session token is unknown, was closed, or has expired. Log in again with POST /auth/login and use the new token.',
  login_failed:
    'The user name or the password is wrong. Check both and try again; an administrator adds users with `samaki users add`.',
  forbidden:
    'You are signed in as {username} (role {role}), who may not {action}. Nothing was read or changed; ask a user whose role allows it.',
  user_invalid: 'The user was not added: {reason}. Nothing was saved; correct it and add the user again.',
  user_exists: 'There is already a user named {username}. Choose another user name.',
  request_invalid:
    'The request was refused with {count} problem(s); the first: {first}. Nothing was saved: correct every problem listed and send the request again.',
  request_rejected: 'The request was refused: {reason}. Nothing was saved.',
  idempotency_key_missing:
    'This request moves money, so it needs an Idempotency-Key header: a new unique value (a UUID, say) for each new request, and the same value when you repeat one. Nothing was saved.',
  upload_unsupported:
    'A declaration file must be sent as an XLSX workbook (Content-Type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) or as CSV (text/csv); this request was "{type}". Download the template from /employers/{employer}/declarations/template.xlsx.',
  route_not_found: 'There is no route {method} {path}. The routes are listed at /docs and /openapi.json.',
  internal_error:
    "Something went wrong on the server and the request was not completed. It was logged with reference {reference}: give it to the fund's support team.",
  benefit_fact_from_record:
    '{name} comes from the insurance record of member {member} and cannot be given with a claim. Leave it out: the fund reads it from its own record.',
  claim_invalid: 'The claim was not accepted: {reason}. Nothing was changed.',
  claim_not_found: 'There is no claim {id} of member {member}.',
  claim_wrong_state:
    'Claim {id} is {status}, so "{action}" is not possible now; it is possible only from: {allowed}.',
  claim_needs_checker:
    'This decision of {amount} riel is above the approval threshold of {threshold} riel, so {reason}. Nothing was changed.',
  life_event_invalid: 'The event was not recorded: {reason}. Nothing was changed.',
  payee_invalid: 'The bank account was not recorded: {reason}. Nothing was changed.',
  payment_run_invalid: 'The payment run was not made: {reason}. Nothing was changed.',
  grievance_invalid: 'The grievance was not recorded: {reason}. Nothing was changed.',
  grievance_not_found: 'There is no grievance {id}.',
  payment_run_not_found: 'There is no payment run {id}.',
  bank_return_invalid:
    'The bank return file {file} was not reconciled: {count} problem(s), listed below. Correct the file and send it again; nothing was changed.',
} as const;

export type ErrorCode = keyof typeof messagesEn;
