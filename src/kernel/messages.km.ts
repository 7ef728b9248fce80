/**
 * @module kernel/messages.km
 * Khmer wording of every error code (ភាសាខ្មែរ). Keys must match `messages.en.ts`;
 * the type below makes a missing translation a compile error.
 */
import type { ErrorCode } from './messages.en.js';

export const messagesKm: Record<ErrorCode, string> = {
  parameter_yaml_syntax: '{file}:{line}: នេះមិនមែនជា YAML ត្រឹមត្រូវទេ ({reason})។ សូមកែវាក្យសម្ព័ន្ធនៅបន្ទាត់នោះ។',
  parameter_unknown_key: '{file}:{line}: មិនស្គាល់គន្លឹះ "{key}"។ អនុញ្ញាតនៅទីនេះ៖ {allowed}។ សូមលុប ឬកែអក្ខរាវិរុទ្ធ។',
  parameter_bad_date:
    '{file}:{line}: "{key}" មិនមែនជាកាលបរិច្ឆេទចាប់ផ្តើមទេ។ សរសេរជា YYYY-MM-DD ហើយត្រូវតែមានពិត ឧ. 2022-10-01។',
  parameter_duplicate_date: '{file}:{line}: កាលបរិច្ឆេទ {key} មានពីរដង។ រក្សាតម្លៃមួយសម្រាប់កាលបរិច្ឆេទមួយ។',
  parameter_missing_reference:
    '{file}:{line}: តម្លៃសម្រាប់ {key} គ្មាន "reference" ទេ។ សូមដកស្រង់លិខិតបទដ្ឋានគតិយុត្ត និងមាត្រា ឬផ្នែកនៃ REFERENCE.md។',
  parameter_bad_value: '{file}:{line}: តម្លៃសម្រាប់ {key} មិនត្រឹមត្រូវ៖ {reason}។',
  parameter_missing_field: '{file}:{line}: ត្រូវការ "{key}" នៅទីនេះ៖ {reason}។',
  parameter_before_first_value:
    'ប៉ារ៉ាម៉ែត្រ {name} គ្មានតម្លៃនៅ {date} ទេ៖ តម្លៃដំបូងចាប់ពី {first} ({file})។ សូមសួរកាលបរិច្ឆេទចាប់ពី {first} ឬបន្ថែមតម្លៃមុននោះជាមួយឯកសារយោង។',
  parameter_unknown: 'គ្មានប៉ារ៉ាម៉ែត្រឈ្មោះ {name} ទេ។ {hint}',
  parameter_not_a_scale: 'ប៉ារ៉ាម៉ែត្រ {name} ជា {kind} មិនមែនជាតារាងថ្នាក់ទេ។',
  parameter_is_a_scale: 'ប៉ារ៉ាម៉ែត្រ {name} ជាតារាងថ្នាក់៖ សូមប្រើ scale(...)។',
  variable_unknown: 'គ្មានអថេរឈ្មោះ "{name}" ទេ។ {hint}',
  variable_duplicate: 'អថេរពីរមានឈ្មោះ "{name}" ដូចគ្នា។ ឈ្មោះអថេរត្រូវតែមានតែមួយ។',
  variable_bad_formula_date: 'អថេរ {name}៖ គន្លឹះរូបមន្ត "{key}" មិនមែនជាកាលបរិច្ឆេទ YYYY-MM-DD ទេ។',
  variable_entity_mismatch:
    'អថេរ {name} ({entity}) អាន {other} ({otherEntity}) ដោយផ្ទាល់។ សូមប្រើការបូកសរុប ឬតម្លៃក្រុម។',
  variable_period_mismatch: 'អថេរ {name} (ក្នុងមួយ{period}) អាន {other} (ក្នុងមួយ{otherPeriod})។ រយៈពេលត្រូវតែដូចគ្នា។',
  variable_cycle: 'អថេរបង្កើតជារង្វង់៖ {cycle}។',
  variable_type_mismatch: 'អថេរ {name}៖ {reason}។',
  period_bad: '"{value}" មិនមែនជារយៈពេលទេ។ សរសេរខែជា YYYY-MM (ឧ. 2024-05) ឬឆ្នាំជា YYYY។',
  period_wrong_unit: 'អថេរ {name} កំណត់ក្នុងមួយ{expected}៖ សូមផ្តល់រយៈពេលដូចជា {example}។',
  input_not_a_number: 'ធាតុចូល {name}="{value}" មិនមែនជាលេខទេ។ ឧ. {name}=1200000។',
  input_negative: 'ធាតុចូល {name}={value} អវិជ្ជមាន៖ {name} មិនអាចតិចជាង {min} ទេ។',
  input_bad_format: 'ធាតុចូល "{value}" មិនមែនជាទម្រង់ name=value ទេ ឧ. --input wage=1200000។',
  input_not_an_input: 'មិនអាចកំណត់ {name} បានទេ៖ វាមិនមែនជាអថេររបស់ {entity} ទេ។ ធាតុចូលរបស់ {entity}៖ {allowed}។',
  input_bad_enum: 'ធាតុចូល {name}="{value}" មិនមែនជាមួយក្នុងចំណោម៖ {allowed}។',
  input_bad_boolean: 'ធាតុចូល {name}="{value}" មិនមែន true ឬ false ទេ។',
  situation_invalid: 'ស្ថានភាព {file} មិនត្រឹមត្រូវ៖ {reason}។',
  situation_unreadable: 'មិនអាចអានឯកសារស្ថានភាព {file}៖ {reason}។',
  law_test_invalid: '{file}:{line}: ករណីតេស្តច្បាប់មិនត្រឹមត្រូវ៖ {reason}។',
  database_unreachable:
    'មិនអាចភ្ជាប់ទៅមូលដ្ឋានទិន្នន័យ {url}៖ {reason}។ សូមពិនិត្យ DATABASE_URL ឬលុបវាចោលដើម្បីប្រើមូលដ្ឋានទិន្នន័យបង្កប់ក្នុង --data។',
  data_dir_unusable: 'មិនអាចប្រើថតទិន្នន័យ {dir}៖ {reason}។ សូមផ្តល់ --data ជាថតដែលអាចសរសេរបាន។',
  cli_usage: '{reason}',
  bench_bad_persons: '--persons ត្រូវតែជាចំនួនគត់វិជ្ជមាន (បានទទួល "{value}")។',
  legacy_file_missing:
    'មិនមានឯកសារចុះបញ្ជីចាស់ {file} ទេ។ `samaki merge --from DIR` ត្រូវការថត nssf/ nssf-c/ និង nfv/ ដូចដែល `samaki synth` សរសេរ។',
  legacy_file_encoding:
    '{file} ជួរ {row}៖ ឯកសារមិនមែនជា UTF-8 ត្រឹមត្រូវទេ ដូច្នេះឯកសារទាំងមូលត្រូវបានបដិសេធ ហើយគ្មានអ្វីត្រូវបាននាំចូលទេ។ សូមនាំចេញវាជា UTF-8 ម្តងទៀត។',
  legacy_file_unreadable:
    '{file}៖ មិនអាចអានឯកសារបានទេ ({reason}) ដូច្នេះឯកសារទាំងមូលត្រូវបានបដិសេធ ហើយគ្មានអ្វីត្រូវបាននាំចូលទេ។',
  legacy_bad_header:
    '{file} ជួរ {row} ជួរឈរ {column}៖ ឃើញ {found} ជំនួសចំណងជើង៖ {expected}។ ឯកសារទាំងមូលត្រូវបានបដិសេធ ហើយគ្មានអ្វីត្រូវបាននាំចូលទេ។',
  merge_folder_missing: 'មិនមានថត {dir} សម្រាប់បញ្ចូលគ្នាទេ។ សូមផ្តល់ --from ជាថតដែល `samaki synth --out` បានសរសេរ។',
  review_not_found: 'មិនមានធាតុពិនិត្យ {id} ទេ។ `samaki review list` បង្ហាញធាតុដែលនៅបើក។',
  review_already_decided:
    'ធាតុពិនិត្យ {id} ត្រូវបាន {status} រួចហើយដោយ {by} នៅ {at}។ ការសម្រេចមិនត្រូវបានផ្លាស់ប្តូរពីរដងទេ។',
  member_not_found: 'មិនមានសមាជិក {id} ទេ។',
  split_bad_records: 'មិនអាចបំបែកសមាជិក {id} បានទេ៖ {reason}។ សូមដាក់កំណត់ត្រាជា source:record_id។',
  actor_missing: 'សូមបញ្ជាក់អ្នកសម្រេច៖ ផ្តល់ --by ជាឈ្មោះអ្នកប្រើ។ រាល់ការសម្រេចត្រូវបានកត់ត្រាជាមួយអ្នកណា និងពេលណា។',
  synth_bad_scale: '--scale ត្រូវតែជាលេខធំជាង 0 និងមិនលើស 1.5 (1 គឺប្រទេសទាំងមូល 0.01 គឺមួយភាគរយ)៖ បានទទួល "{value}"។',
  synth_bad_seed: '--seed ត្រូវតែជាចំនួនគត់ពី 0 ដល់ 4294967295 (បានទទួល "{value}")។',
  synth_out_unwritable: 'មិនអាចសរសេរទិន្នន័យសំយោគទៅ {dir} បានទេ៖ {reason}។ សូមផ្តល់ --out ជាថតដែលអាចសរសេរបាន។',
  synth_no_data:
    'មិនមានទិន្នន័យសំយោគនៅក្នុង {dir} ទេ ({reason})។ សូមបង្កើតវាជាមុនសិន៖ samaki synth --scale 0.01 --out {dir}។',
  synth_registry_not_empty:
    'បញ្ជីក្នុងមូលដ្ឋានទិន្នន័យមានមនុស្ស {persons} នាក់រួចហើយ ដូច្នេះគ្មានអ្វីត្រូវបានផ្ទុកទេ។ សូមដំណើរការម្តងទៀតជាមួយ --replace ដើម្បីផ្ទុកបញ្ជីសំយោគជំនួសពួកគេ។',

  // The fund (src/fund, src/registry).
  employer_not_found:
    'គ្មាននិយោជក {id} ទេ។ សូមពិនិត្យលេខនិយោជក (E បន្តដោយលេខ ៧ខ្ទង់) ឬមើលបញ្ជីនិយោជកដោយ `samaki fund employers`។',
  employer_invalid: 'មិនបានចុះបញ្ជីនិយោជកទេ៖ {reason}។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។ សូមកែ ហើយចុះបញ្ជីម្តងទៀត។',
  employer_duplicate:
    'លេខចុះបញ្ជីពាណិជ្ជកម្ម {businessNo} បានចុះបញ្ជីរួចហើយជានិយោជក {employerNo}។ សូមប្រើនិយោជកនោះ កុំចុះបញ្ជីពីរដង។',
  worker_invalid: 'មិនបានចុះបញ្ជីកម្មករទេ៖ {reason}។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។ សូមកែ ហើយចុះបញ្ជីម្តងទៀត។',
  member_unknown:
    'គ្មានសមាជិក {id} ទេ។ សូមចុះបញ្ជីកម្មករជាមុនសិន (samaki fund register-worker ឬ POST /employers/{employer}/workers)។',
  declaration_invalid:
    'ការប្រកាសរបស់ {employerNo} សម្រាប់ខែ {month} ត្រូវបានបដិសេធ ដោយមានបញ្ហា {count}។ បញ្ហាទីមួយ៖ {first}។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ៖ សូមកែគ្រប់ជួរដែលបានរាយ ហើយផ្ញើការប្រកាសទាំងមូលម្តងទៀត។',
  declaration_exists:
    'និយោជក {employerNo} បានប្រកាសខែ {month} រួចហើយ (ការប្រកាស {id} កំណែ {version})។ ដើម្បីកែ សូមផ្ញើការកែប្រែនៃការប្រកាសនោះ។',
  declaration_not_found: 'គ្មានការប្រកាស {id} របស់និយោជក {employerNo} ទេ។',
  declaration_superseded:
    'ការប្រកាស {id} ត្រូវបានជំនួសដោយការប្រកាស {current} (កំណែ {version})។ សូមកែប្រែកំណែបច្ចុប្បន្នវិញ។',
  exchange_rate_missing:
    'មិនទាន់មានអត្រាប្តូរប្រាក់សម្រាប់ខែ {month} ទេ ហើយការប្រកាសមានប្រាក់ឈ្នួលជាដុល្លារ។ សូមកត់ត្រាអត្រា ធ.ជ.ក. ជាមុន (samaki fund exchange-rate {month} RIEL_PER_USD) រួចប្រកាសម្តងទៀត។',
  idempotency_conflict:
    'លេខកូដ idempotency "{key}" ត្រូវបានប្រើរួចហើយសម្រាប់សំណើផ្សេង ({operation})។ សូមប្រើលេខកូដថ្មីសម្រាប់សំណើថ្មី។',
  payment_invalid: 'មិនបានកត់ត្រាការទូទាត់ទេ៖ {reason}។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។',

  // The HTTP API and its users (src/api, src/access).
  auth_required:
    'សូមចូលប្រើប្រាស់ជាមុនសិន៖ ផ្លូវនេះត្រូវការវគ្គប្រើប្រាស់។ សូមចូលតាម POST /auth/login ហើយផ្ញើលេខសម្គាល់ (token) ដែលទទួលបាន ក្នុងក្បាល "Authorization: Bearer <token>"។',
  auth_invalid:
    'លេខសម្គាល់វគ្គប្រើប្រាស់មិនស្គាល់ ត្រូវបានបិទ ឬផុតកំណត់ហើយ។ សូមចូលម្តងទៀតតាម POST /auth/login ហើយប្រើលេខសម្គាល់ថ្មី។',
  login_failed:
    'ឈ្មោះអ្នកប្រើ ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវ។ សូមពិនិត្យទាំងពីរ ហើយព្យាយាមម្តងទៀត។ អ្នកគ្រប់គ្រងបន្ថែមអ្នកប្រើដោយ `samaki users add`។',
  forbidden:
    'អ្នកបានចូលជា {username} (តួនាទី {role}) ដែលមិនមានសិទ្ធិ {action}។ គ្មានអ្វីត្រូវបានអាន ឬផ្លាស់ប្តូរទេ។ សូមស្នើអ្នកប្រើដែលមានតួនាទីសមស្រប។',
  user_invalid: 'មិនបានបន្ថែមអ្នកប្រើទេ៖ {reason}។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។ សូមកែ ហើយបន្ថែមម្តងទៀត។',
  user_exists: 'មានអ្នកប្រើឈ្មោះ {username} រួចហើយ។ សូមជ្រើសឈ្មោះអ្នកប្រើផ្សេង។',
  request_invalid:
    'សំណើត្រូវបានបដិសេធ ដោយមានបញ្ហា {count}។ បញ្ហាទីមួយ៖ {first}។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ៖ សូមកែគ្រប់បញ្ហាដែលបានរាយ ហើយផ្ញើសំណើម្តងទៀត។',
  request_rejected: 'សំណើត្រូវបានបដិសេធ៖ {reason}។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។',
  idempotency_key_missing:
    'សំណើនេះពាក់ព័ន្ធនឹងប្រាក់ ដូច្នេះត្រូវការក្បាល Idempotency-Key៖ តម្លៃថ្មីតែមួយគត់ (ឧ. UUID) សម្រាប់សំណើថ្មីនីមួយៗ និងតម្លៃដដែលពេលផ្ញើសំណើដដែលម្តងទៀត។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។',
  upload_unsupported:
    'ឯកសារប្រកាសត្រូវផ្ញើជាសៀវភៅ XLSX (Content-Type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) ឬជា CSV (text/csv)៖ សំណើនេះជា "{type}"។ សូមទាញយកគំរូពី /employers/{employer}/declarations/template.xlsx។',
  route_not_found: 'គ្មានផ្លូវ {method} {path} ទេ។ ផ្លូវទាំងអស់មាននៅ /docs និង /openapi.json។',
  internal_error:
    'មានបញ្ហានៅលើម៉ាស៊ីនមេ ហើយសំណើមិនត្រូវបានបញ្ចប់ទេ។ វាត្រូវបានកត់ត្រាដោយលេខយោង {reference}៖ សូមផ្តល់លេខនេះដល់ក្រុមជំនួយរបស់មូលនិធិ។',
  benefit_fact_from_record:
    '{name} មកពីកំណត់ត្រាធានារ៉ាប់រងរបស់សមាជិក {member} ហើយមិនអាចផ្តល់ជាមួយពាក្យស្នើសុំបានទេ។ សូមដកវាចេញ៖ បេឡាអានវាពីកំណត់ត្រារបស់ខ្លួន។',
  claim_invalid: 'ពាក្យស្នើសុំមិនត្រូវបានទទួលទេ៖ {reason}។ គ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ។',
  claim_not_found: 'គ្មានពាក្យស្នើសុំ {id} របស់សមាជិក {member} ទេ។',
  claim_wrong_state:
    'ពាក្យស្នើសុំ {id} ស្ថិតក្នុងស្ថានភាព {status} ដូច្នេះមិនអាច {action} ឥឡូវនេះទេ។ អាចធ្វើបានតែពី៖ {allowed}។',
  claim_needs_checker:
    'ការសម្រេចនេះ {amount} រៀល លើសកម្រិតអនុម័ត {threshold} រៀល ដូច្នេះ {reason}។ គ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ។',
  life_event_invalid: 'ព្រឹត្តិការណ៍មិនត្រូវបានកត់ត្រាទេ៖ {reason}។ គ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ។',
  payee_invalid: 'គណនីធនាគារមិនត្រូវបានកត់ត្រាទេ៖ {reason}។ គ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ។',
  payment_run_invalid: 'ការទូទាត់ប្រចាំខែមិនត្រូវបានធ្វើទេ៖ {reason}។ គ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ។',
  grievance_invalid: 'បណ្ដឹងតវ៉ាមិនត្រូវបានកត់ត្រាទេ៖ {reason}។ គ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ។',
  grievance_not_found: 'គ្មានបណ្ដឹងតវ៉ាលេខ {id} ទេ។',
  payment_run_not_found: 'គ្មានការទូទាត់ប្រចាំខែលេខ {id} ទេ។',
  bank_return_invalid:
    'ឯកសារត្រឡប់ពីធនាគារ {file} មិនត្រូវបានផ្ទៀងផ្ទាត់ទេ៖ មានបញ្ហា {count} ដូចខាងក្រោម។ សូមកែឯកសារ ហើយផ្ញើម្តងទៀត។ គ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ។',
};
