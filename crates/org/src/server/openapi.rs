//! The OpenAPI 3.1 description of the HTTP API, served at
//! `GET /openapi.json` and kept as `docs/openapi.json` (a test fails when
//! the two differ; `REGIE_UPDATE_OPENAPI=1 cargo test -p regie-org
//! openapi` writes it again).
//!
//! It is made here, in code, from the server's own [`ROUTES`] table, with
//! utoipa's typed model of OpenAPI, rather than kept by hand: a route that
//! is added to the table and not described here fails the build of this
//! document (see [`document`]), and a test asks the running server every
//! path and method of the document and of the table.
//!
//! Every example of an answer is made by the code that makes the answer:
//! the error bodies by the server's own helpers (which parameter is
//! missing, which channel is unknown, ...), the texts from the same
//! tables, in both languages; a check's answer by `decide` itself; a
//! file's result by serialising the outcome type; the metrics by a fresh
//! [`Metrics`]. Signed documents (a preference file, a receipt, a
//! declaration) are the test vectors and worked examples of their
//! specifications, which their own tests keep valid. The document
//! therefore changes when a message changes, and the test says so.

use std::sync::OnceLock;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use regie_model::{Channel, ContactPreferences, Language, MessageKind, Text};
use serde_json::{json, Value};
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::path::{OperationBuilder, ParameterBuilder, ParameterIn};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{
    ComponentsBuilder, HeaderBuilder, HttpMethod, InfoBuilder, KnownFormat, ObjectBuilder, OpenApi,
    OpenApiBuilder, PathItem, PathsBuilder, Ref, Required, ResponseBuilder, ResponsesBuilder,
    SchemaFormat, SecurityRequirement, ServerBuilder, Type,
};

use super::{
    bad_request_message, check_facts, error_body, health::Problem, message_values,
    not_allowed_message, use_terms, Fields, CHECK, CHECK_USE, MAX_BODY, ROUTES,
};
use crate::check::{decide, decide_use, DefaultPolicy, Known, Verdict};
use crate::i18n::{self, fill, fill_n};
use crate::metrics::{Histogram, Metrics, LAG_BUCKETS};
use crate::reject::Rejection;
use crate::store::Outcome;
use crate::FileResult;

/// The document in `lang` as served: pretty JSON with a final new line.
pub fn json(lang: Language) -> &'static str {
    static NL: OnceLock<String> = OnceLock::new();
    static EN: OnceLock<String> = OnceLock::new();
    let cell = match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    };
    cell.get_or_init(|| {
        let mut s = document(lang)
            .to_pretty_json()
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        s.push('\n');
        s
    })
}

/// The name of the bearer token's security scheme.
const TOKEN: &str = "token";

/// The languages of the examples, each example given in both.
const LANGS: [Language; 2] = [Language::En, Language::Nl];

/// The OpenAPI document, with its descriptions in `lang` and every
/// example in both languages.
pub fn document(lang: Language) -> OpenApi {
    let d = Describe { lang };
    let mut paths = PathsBuilder::new();
    for (path, methods) in ROUTES {
        // HEAD is GET without its body (RFC 9110): not described twice.
        let method = if methods.contains(&"POST") {
            HttpMethod::Post
        } else {
            HttpMethod::Get
        };
        paths = paths.path(path, PathItem::new(method, d.operation(path)));
    }
    let components = ComponentsBuilder::new()
        .security_scheme(
            TOKEN,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(d.t(i18n::O_TOKEN)))
                    .build(),
            ),
        )
        .schema("Error", d.error_schema())
        .schema("FileResult", d.file_schema())
        .schema("Verdict", d.verdict_schema())
        .schema("Send", d.send_schema())
        .schema("Health", d.health_schema())
        .schema("Signed", d.signed_schema())
        .response("NotFound", d.not_found())
        .response("MethodNotAllowed", d.not_allowed())
        .build();
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title(d.t(i18n::O_TITLE))
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(d.t(i18n::O_DESCRIPTION))),
        )
        .servers(Some([ServerBuilder::new()
            .url("http://127.0.0.1:8417")
            .description(Some(d.t(i18n::O_SERVER)))
            .build()]))
        .paths(paths)
        .components(Some(components))
        .security(Some([SecurityRequirement::new(
            TOKEN,
            Vec::<String>::new(),
        )]))
        .build()
}

/// An example's name: its code and language, `unauthorised-nl`.
fn name(code: &str, lang: Language) -> String {
    format!("{code}-{}", lang.as_str())
}

/// Examples in both languages: `(name, value)` for each.
type Examples = Vec<(String, Value)>;

/// An error's examples in both languages, with `message` made in each.
fn errors(code: &str, message: impl Fn(Language) -> String) -> Examples {
    LANGS
        .into_iter()
        .map(|l| (name(code, l), error_body(code, &message(l))))
        .collect()
}

/// [`errors`] for a fixed text.
fn error_text(code: &str, t: Text) -> Examples {
    errors(code, |l| t.get(l).to_owned())
}

/// A 400's examples, under `what` (a name for the case), with what is
/// wrong made in each language.
fn bad(what: &str, problem: impl Fn(Language) -> String) -> Examples {
    LANGS
        .into_iter()
        .map(|l| {
            let message = bad_request_message(l, &problem(l));
            (name(what, l), error_body("bad-request", &message))
        })
        .collect()
}

/// What a [`Fields::values`] call says is wrong with `given`.
fn fields_problem(fields: &Fields, given: &[(&str, &str)], lang: Language) -> String {
    let given = given
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    fields.values(lang, given).err().unwrap_or_default()
}

/// A fixed time for examples: a Monday at 13:00 UTC.
fn example_time() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 13, 0, 0)
        .single()
        .unwrap_or_default()
}

/// A signed document from the specifications' examples and vectors.
fn signed(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

const PREFERENCE_FILE: &str =
    include_str!("../../../prefs/tests/vectors/regie/valid_preferences-en.json");
const KEY_ROTATION: &str =
    include_str!("../../../prefs/tests/vectors/regie/valid_key-rotation.json");
const LINK_REQUEST: &str =
    include_str!("../../../prefs/tests/vectors/regie/valid_link-request-en.json");
const RECEIPT_ACCEPTED: &str =
    include_str!("../../../prefs/tests/vectors/receipt/valid_accepted-en.json");
const RECEIPT_ALREADY: &str =
    include_str!("../../../prefs/tests/vectors/receipt/valid_already-imported.json");
const RECEIPT_REJECTED: &str =
    include_str!("../../../prefs/tests/vectors/receipt/valid_rejected.json");
const DECLARATION: &str =
    include_str!("../../../../docs/spec/examples/declaration-voorbeeldbank-signed.json");

/// The builder of the document's parts, in one language.
struct Describe {
    lang: Language,
}

impl Describe {
    fn t(&self, t: Text) -> &'static str {
        t.get(self.lang)
    }

    fn string(&self, description: Text) -> ObjectBuilder {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(self.t(description)))
    }

    fn error_schema(&self) -> ObjectBuilder {
        let inner = ObjectBuilder::new()
            .property("code", ObjectBuilder::new().schema_type(Type::String))
            .required("code")
            .property("message", ObjectBuilder::new().schema_type(Type::String))
            .required("message");
        ObjectBuilder::new()
            .description(Some(self.t(i18n::O_S_ERROR)))
            .property("error", inner)
            .required("error")
    }

    fn file_schema(&self) -> ObjectBuilder {
        let s = || ObjectBuilder::new().schema_type(Type::String);
        let n = || {
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(0))
        };
        let b = || ObjectBuilder::new().schema_type(Type::Boolean);
        ObjectBuilder::new()
            .description(Some(self.t(i18n::O_S_FILE)))
            .property("source", s())
            .required("source")
            .property("sha256", s().pattern(Some("^[0-9a-f]{64}$")))
            .required("sha256")
            .property(
                "outcome",
                s().enum_values(Some(["accepted", "already-imported"])),
            )
            .required("outcome")
            .property("customer", s())
            .required("customer")
            .property("sequence", n())
            .required("sequence")
            .property("rotation", b())
            .property("enrolled", b())
    }

    fn verdict_schema(&self) -> ObjectBuilder {
        let reason = ObjectBuilder::new()
            .property("code", ObjectBuilder::new().schema_type(Type::String))
            .required("code")
            .property("message", ObjectBuilder::new().schema_type(Type::String))
            .required("message");
        ObjectBuilder::new()
            .description(Some(self.t(i18n::O_S_VERDICT)))
            .property("allowed", ObjectBuilder::new().schema_type(Type::Boolean))
            .required("allowed")
            .property("reason", reason)
            .required("reason")
            .property("customer", ObjectBuilder::new().schema_type(Type::String))
            .required("customer")
    }

    fn send_schema(&self) -> ObjectBuilder {
        ObjectBuilder::new()
            .description(Some(self.t(i18n::O_S_SEND)))
            .property("customer", self.string(i18n::O_P_CUSTOMER))
            .required("customer")
            .property("channel", self.channel())
            .required("channel")
            .property("kind", self.kind())
            .required("kind")
            .property("at", self.time())
            .property(
                "recorded",
                ObjectBuilder::new()
                    .schema_type(Type::Boolean)
                    .read_only(true),
            )
    }

    fn health_schema(&self) -> ObjectBuilder {
        ObjectBuilder::new()
            .description(Some(self.t(i18n::O_S_HEALTH)))
            .property(
                "status",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some(["ok", "unavailable"])),
            )
            .required("status")
            .property("error", Ref::from_schema_name("Error"))
    }

    fn signed_schema(&self) -> ObjectBuilder {
        ObjectBuilder::new().description(Some(self.t(i18n::O_S_SIGNED)))
    }

    fn channel(&self) -> ObjectBuilder {
        self.string(i18n::O_P_CHANNEL)
            .enum_values(Some(Channel::ALL.map(|c| c.as_str())))
    }

    fn kind(&self) -> ObjectBuilder {
        self.string(i18n::O_P_KIND)
            .enum_values(Some(MessageKind::ALL.map(|k| k.as_str())))
    }

    fn time(&self) -> ObjectBuilder {
        self.string(i18n::O_P_AT)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
    }

    /// A JSON answer with `schema` and `examples`.
    fn answer(&self, description: Text, schema: &str, examples: Examples) -> ResponseBuilder {
        self.answer_as(description, "application/json", schema, examples)
    }

    fn answer_as(
        &self,
        description: Text,
        media: &str,
        schema: &str,
        examples: Examples,
    ) -> ResponseBuilder {
        let mut content = ContentBuilder::new();
        if !schema.is_empty() {
            content = content.schema(Some(Ref::from_schema_name(schema)));
        }
        let content = content.examples_from_iter(examples.into_iter().map(|(n, v)| {
            let summary = n.clone();
            (n, ExampleBuilder::new().summary(summary).value(Some(v)))
        }));
        ResponseBuilder::new()
            .description(self.t(description))
            .content(media, content.build())
    }

    fn not_found(&self) -> ResponseBuilder {
        self.answer(
            i18n::O_R_NOT_FOUND,
            "Error",
            error_text("not-found", i18n::H_NOT_FOUND),
        )
    }

    fn not_allowed(&self) -> ResponseBuilder {
        let examples = errors("method-not-allowed", |l| {
            not_allowed_message(l, "/v1/check", "DELETE", &["GET", "HEAD"])
        });
        self.answer(i18n::O_R_NOT_ALLOWED, "Error", examples)
            .header(
                "Allow",
                HeaderBuilder::new()
                    .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
                    .build(),
            )
    }

    fn unauthorised(&self) -> ResponseBuilder {
        self.answer(
            i18n::O_R_UNAUTHORISED,
            "Error",
            error_text("unauthorised", i18n::H_UNAUTHORISED),
        )
    }

    /// 500 and 503: every route may fail inside, or take too long; those
    /// that use the store may find it not working.
    fn failures(&self, store: bool) -> [(&'static str, ResponseBuilder); 2] {
        let mut unavailable = errors("timeout", |l| fill_n(l, i18n::H_TIMEOUT, 30.0, &[]));
        if store {
            unavailable.extend(error_text("store-unavailable", i18n::H_UNAVAILABLE));
        }
        [
            (
                "500",
                self.answer(
                    i18n::O_R_INTERNAL,
                    "Error",
                    error_text("internal", i18n::H_INTERNAL),
                ),
            ),
            (
                "503",
                self.answer(i18n::O_R_UNAVAILABLE, "Error", unavailable),
            ),
        ]
    }

    /// 400 for a body that did not arrive intact, 408 and 413: the
    /// answers about a request's body.
    fn body_failures(&self, mut bad_requests: Examples) -> [(&'static str, ResponseBuilder); 3] {
        bad_requests.extend(bad("body-unreadable", |l| {
            i18n::H_BODY_UNREADABLE.get(l).to_owned()
        }));
        [
            (
                "400",
                self.answer(i18n::O_R_BAD_REQUEST, "Error", bad_requests),
            ),
            (
                "408",
                self.answer(
                    i18n::O_R_SLOW_BODY,
                    "Error",
                    errors("request-timeout", |l| {
                        fill_n(l, i18n::H_SLOW_BODY, 30.0, &[])
                    }),
                ),
            ),
            (
                "413",
                self.answer(
                    i18n::O_R_TOO_LARGE,
                    "Error",
                    errors("too-large", |l| {
                        fill(l, i18n::H_TOO_LARGE, &[("max", &MAX_BODY.to_string())])
                    }),
                ),
            ),
        ]
    }

    fn query(&self, name: &str, required: bool, schema: ObjectBuilder) -> ParameterBuilder {
        ParameterBuilder::new()
            .name(name)
            .parameter_in(ParameterIn::Query)
            .required(if required {
                Required::True
            } else {
                Required::False
            })
            .schema(Some(schema))
    }

    /// A request body with `schema` and `examples`.
    fn body(&self, description: Text, schema: &str, examples: Examples) -> RequestBodyBuilder {
        let content = ContentBuilder::new()
            .schema(Some(Ref::from_schema_name(schema)))
            .examples_from_iter(
                examples
                    .into_iter()
                    .map(|(n, v)| (n.clone(), ExampleBuilder::new().summary(n).value(Some(v)))),
            );
        RequestBodyBuilder::new()
            .description(Some(self.t(description)))
            .required(Some(Required::True))
            .content("application/json", content.build())
    }

    /// The operation at `path`.
    fn operation(&self, path: &str) -> OperationBuilder {
        let op = |id: &str, summary: Text, description: Text| {
            OperationBuilder::new()
                .operation_id(Some(id))
                .summary(Some(self.t(summary)))
                .description(Some(self.t(description)))
        };
        let public = |o: OperationBuilder| o.securities(Some(Vec::<SecurityRequirement>::new()));
        let with = |o: OperationBuilder, responses: Vec<(&str, ResponseBuilder)>| {
            let mut r = ResponsesBuilder::new();
            for (status, response) in responses {
                r = r.response(status, response);
            }
            o.responses(r.build())
        };
        match path {
            "/v1/files" => {
                let o = op("importFile", i18n::O_FILES, i18n::O_FILES_TEXT).request_body(Some(
                    self.body(
                        i18n::O_FILE_BODY,
                        "Signed",
                        vec![
                            ("preference-file".into(), signed(PREFERENCE_FILE)),
                            ("key-rotation".into(), signed(KEY_ROTATION)),
                        ],
                    )
                    .build(),
                ));
                let mut responses = vec![
                    (
                        "201",
                        self.answer(
                            i18n::O_R_ACCEPTED,
                            "FileResult",
                            vec![("accepted".into(), file_result(true))],
                        ),
                    ),
                    (
                        "200",
                        self.answer(
                            i18n::O_R_ALREADY,
                            "FileResult",
                            vec![("already-imported".into(), file_result(false))],
                        ),
                    ),
                    ("401", self.unauthorised()),
                    (
                        "422",
                        self.answer(i18n::O_R_REJECTED, "Error", rejections()),
                    ),
                ];
                responses.extend(self.body_failures(Vec::new()));
                responses.extend(self.failures(true));
                with(o, responses)
            }
            "/v1/check" => {
                let o = op("check", i18n::O_CHECK, i18n::O_CHECK_TEXT)
                    .parameter(self.query("customer", true, self.string(i18n::O_P_CUSTOMER)))
                    .parameter(self.query("channel", true, self.channel()))
                    .parameter(self.query("kind", true, self.kind()))
                    .parameter(self.query("at", false, self.time()));
                let mut responses = vec![
                    (
                        "200",
                        self.answer(i18n::O_R_ANSWER, "Verdict", check_answers()),
                    ),
                    (
                        "400",
                        self.answer(i18n::O_R_BAD_REQUEST, "Error", check_problems()),
                    ),
                    ("401", self.unauthorised()),
                ];
                responses.extend(self.failures(false));
                with(o, responses)
            }
            "/v1/check-use" => {
                let o = op("checkUse", i18n::O_CHECK_USE, i18n::O_CHECK_USE_TEXT)
                    .parameter(self.query("customer", true, self.string(i18n::O_P_CUSTOMER)))
                    .parameter(self.query("purpose", true, self.string(i18n::O_P_PURPOSE)))
                    .parameter(self.query("category", false, self.string(i18n::O_P_CATEGORY)));
                let mut responses = vec![
                    (
                        "200",
                        self.answer(i18n::O_R_ANSWER, "Verdict", use_answers()),
                    ),
                    (
                        "400",
                        self.answer(i18n::O_R_BAD_REQUEST, "Error", use_problems()),
                    ),
                    ("401", self.unauthorised()),
                ];
                responses.extend(self.failures(false));
                with(o, responses)
            }
            "/v1/sends" => {
                let example = json!({"customer": "C-1001", "channel": "email",
                                     "kind": "marketing", "at": "2026-03-02T13:00:00Z"});
                let o = op("recordSend", i18n::O_SENDS, i18n::O_SENDS_TEXT).request_body(Some(
                    self.body(
                        i18n::O_S_SEND,
                        "Send",
                        vec![("send".into(), example.clone())],
                    )
                    .build(),
                ));
                let mut recorded = example;
                recorded["recorded"] = true.into();
                let mut responses = vec![
                    (
                        "201",
                        self.answer(
                            i18n::O_R_RECORDED,
                            "Send",
                            vec![("recorded".into(), recorded)],
                        ),
                    ),
                    ("401", self.unauthorised()),
                    (
                        "404",
                        self.answer(
                            i18n::O_R_NOT_FOUND,
                            "Error",
                            errors("unknown-customer", |l| {
                                fill(l, i18n::E_UNKNOWN_CUSTOMER, &[("customer", "C-9999")])
                            }),
                        ),
                    ),
                ];
                responses.extend(self.body_failures(send_problems()));
                responses.extend(self.failures(true));
                with(o, responses)
            }
            "/v1/inbox" => {
                let o =
                    public(op("deliver", i18n::O_INBOX, i18n::O_INBOX_TEXT)).request_body(Some(
                        self.body(
                            i18n::O_FILE_BODY,
                            "Signed",
                            vec![
                                ("preference-file".into(), signed(PREFERENCE_FILE)),
                                ("key-rotation".into(), signed(KEY_ROTATION)),
                                ("link-request".into(), signed(LINK_REQUEST)),
                            ],
                        )
                        .build(),
                    ));
                let mut rejected = vec![("receipt-rejected".into(), signed(RECEIPT_REJECTED))];
                rejected.extend(errors("bad-signature", |l| {
                    let reason = Rejection::Verify {
                        kind: regie_prefs::VerifyErrorKind::Syntax,
                        detail: regie_prefs::error::Detail::new("", ""),
                    };
                    fill(l, i18n::H_INBOX_NO_KEY, &[("reason", &reason.text(l))])
                }));
                let mut responses = vec![
                    (
                        "201",
                        self.answer(
                            i18n::O_RECEIPT,
                            "Signed",
                            vec![("receipt-accepted".into(), signed(RECEIPT_ACCEPTED))],
                        ),
                    ),
                    (
                        "200",
                        self.answer(
                            i18n::O_RECEIPT,
                            "Signed",
                            vec![("receipt-already-imported".into(), signed(RECEIPT_ALREADY))],
                        ),
                    ),
                    (
                        "404",
                        self.answer(
                            i18n::O_R_NOT_FOUND,
                            "Error",
                            error_text("no-inbox", i18n::H_NO_INBOX),
                        ),
                    ),
                    ("422", self.answer(i18n::O_R_REJECTED, "", rejected)),
                    (
                        "429",
                        self.answer(i18n::O_R_TOO_MANY, "Error", too_many()).header(
                            "Retry-After",
                            HeaderBuilder::new()
                                .schema(Some(ObjectBuilder::new().schema_type(Type::Integer)))
                                .description(Some(self.t(i18n::O_R_RETRY_AFTER)))
                                .build(),
                        ),
                    ),
                ];
                responses.extend(self.body_failures(Vec::new()));
                responses.extend(self.failures(true));
                with(o, responses)
            }
            crate::inbox::published::PATH => {
                let o = public(op(
                    "declaration",
                    i18n::O_DECLARATION,
                    i18n::O_DECLARATION_TEXT,
                ));
                let mut responses = vec![
                    (
                        "200",
                        self.answer(
                            i18n::O_R_DECLARATION,
                            "Signed",
                            vec![("declaration".into(), signed(DECLARATION))],
                        ),
                    ),
                    (
                        "404",
                        self.answer(
                            i18n::O_R_NOT_FOUND,
                            "Error",
                            error_text("no-declaration", i18n::H_NO_DECLARATION),
                        ),
                    ),
                ];
                responses.extend(self.failures(false));
                with(o, responses)
            }
            "/healthz" => {
                let o = public(op("health", i18n::O_HEALTH, i18n::O_HEALTH_TEXT));
                let unhealthy = Problem::every()
                    .iter()
                    .flat_map(|p| {
                        LANGS.map(|l| {
                            let mut v = error_body(p.code(), p.text().get(l));
                            v["status"] = "unavailable".into();
                            (name(p.code(), l), v)
                        })
                    })
                    .collect();
                let [internal, _] = self.failures(false);
                with(
                    o,
                    vec![
                        (
                            "200",
                            self.answer(
                                i18n::O_R_HEALTHY,
                                "Health",
                                vec![("ok".into(), json!({"status": "ok"}))],
                            ),
                        ),
                        ("503", self.answer(i18n::O_R_UNHEALTHY, "Health", unhealthy)),
                        internal,
                    ],
                )
            }
            "/metrics" => {
                let o = op("metrics", i18n::O_METRICS, i18n::O_METRICS_TEXT);
                let text =
                    Metrics::new(&super::route_paths()).render(&Histogram::new(&LAG_BUCKETS));
                let mut responses = vec![
                    (
                        "200",
                        self.answer_as(
                            i18n::O_R_METRICS,
                            "text/plain",
                            "",
                            vec![("metrics".into(), Value::String(text))],
                        ),
                    ),
                    ("401", self.unauthorised()),
                    (
                        "404",
                        self.answer(
                            i18n::O_R_NOT_FOUND,
                            "Error",
                            error_text("no-metrics", i18n::H_NO_METRICS),
                        ),
                    ),
                ];
                responses.extend(self.failures(false));
                with(o, responses)
            }
            "/openapi.json" => {
                let o = public(op("openapi", i18n::O_OPENAPI, i18n::O_OPENAPI_TEXT));
                let mut responses = vec![(
                    "200",
                    ResponseBuilder::new()
                        .description(self.t(i18n::O_R_DOCUMENT))
                        .content(
                            "application/json",
                            ContentBuilder::new()
                                .schema(Some(ObjectBuilder::new().schema_type(Type::Object)))
                                .build(),
                        ),
                )];
                responses.extend(self.failures(false));
                with(o, responses)
            }
            // A route in the table that this document does not describe:
            // the test of the document against the server fails on it.
            _ => OperationBuilder::new(),
        }
    }
}

/// A file's result as `POST /v1/files` answers it: accepted, or already
/// imported.
fn file_result(accepted: bool) -> Value {
    let outcome = if accepted {
        Outcome::Accepted {
            customer: "C-1001".into(),
            sequence: 4,
            rotation: false,
            enrolled: false,
        }
    } else {
        Outcome::AlreadyImported {
            customer: "C-1001".into(),
            sequence: 4,
        }
    };
    let r = FileResult {
        source: "http".into(),
        sha256: "9f2c1b7a4e0d3c8b6a5f1e2d7c9b0a4f3e8d2c1b6a7f9e0d5c4b3a2f1e0d9c8b".into(),
        outcome,
    };
    serde_json::to_value(r).unwrap_or(Value::Null)
}

/// Every reason a file posted to `POST /v1/files` can be rejected for,
/// in both languages: verification's kinds and the import rules.
fn rejections() -> Examples {
    let mut all = vec![
        Rejection::UnknownKey,
        Rejection::ReplayedOrOlder {
            stored: 12,
            received: 7,
        },
        Rejection::KeyInUse,
        Rejection::RotatedOut,
        Rejection::Unstorable {
            db_text: "value too long for type character varying(200)".into(),
        },
    ];
    for kind in regie_prefs::VerifyErrorKind::ALL {
        all.push(Rejection::Verify {
            kind,
            detail: regie_prefs::error::Detail::new("", ""),
        });
    }
    all.iter()
        .flat_map(|r| LANGS.map(|l| (name(r.code(), l), error_body(r.code(), &r.text(l)))))
        .collect()
}

/// The answers of 429 at the inbox.
fn too_many() -> Examples {
    let wait = Duration::from_secs(42);
    [
        ("too-many-requests-address", i18n::H_INBOX_ADDRESS_RATE),
        ("too-many-requests-key", i18n::H_INBOX_KEY_RATE),
        ("too-many-requests-link-address", i18n::H_LINK_ADDRESS_LIMIT),
        ("too-many-requests-link-key", i18n::H_LINK_KEY_LIMIT),
        ("too-many-requests-link-total", i18n::H_LINK_TOTAL_LIMIT),
    ]
    .into_iter()
    .flat_map(|(what, t)| {
        LANGS.map(|l| match crate::inbox::Answer::too_many(l, t, wait) {
            crate::inbox::Answer::Refused { code, message, .. } => {
                (name(what, l), error_body(&code, &message))
            }
            crate::inbox::Answer::Receipt { .. } => (name(what, l), Value::Null),
        })
    })
    .collect()
}

/// Answers of `GET /v1/check`, made by `decide`.
fn check_answers() -> Examples {
    let at = example_time();
    let mut off = ContactPreferences::default();
    let _ = off.set(Channel::Email, MessageKind::Marketing, false);
    let cases = [
        ("allowed", Known::Nothing, DefaultPolicy::Allow),
        (
            "no-preference-on-file",
            Known::Nothing,
            DefaultPolicy::Block,
        ),
        (
            "opted-out",
            Known::Preferences {
                prefs: Box::new(off),
                global_switch: false,
                uses: None,
            },
            DefaultPolicy::Block,
        ),
    ];
    cases
        .iter()
        .flat_map(|(what, known, default)| {
            let d = decide(
                known,
                *default,
                &[],
                Channel::Email,
                MessageKind::Marketing,
                at,
            );
            LANGS.map(|l| {
                let facts = check_facts("C-1001", Channel::Email, MessageKind::Marketing, at);
                (name(what, l), d.to_json(facts, l))
            })
        })
        .collect()
}

/// Answers of `GET /v1/check-use`, made by `decide_use`.
fn use_answers() -> Examples {
    let Ok((purpose, category)) = use_terms(Language::En, "dpv:Marketing", Some("pd:EmailAddress"))
    else {
        return Vec::new();
    };
    [
        ("allowed", DefaultPolicy::Allow),
        ("no-preference-on-file", DefaultPolicy::Block),
    ]
    .into_iter()
    .flat_map(|(what, default)| {
        let d = decide_use(&Known::Nothing, default, &purpose, category.as_ref());
        let facts = json!({"customer": "C-1001", "purpose": purpose.iri(),
                               "category": category.as_ref().map(|c| c.iri())});
        LANGS.map(|l| (name(what, l), d.to_json(facts.clone(), l)))
    })
    .collect()
}

/// What `GET /v1/check` says of a query that is wrong, made by the
/// server's own checks of it.
fn check_problems() -> Examples {
    let mut v = Vec::new();
    let q =
        |given: &'static [(&'static str, &'static str)]| move |l| fields_problem(&CHECK, given, l);
    v.extend(bad(
        "parameter-missing",
        q(&[("channel", "email"), ("kind", "marketing")]),
    ));
    v.extend(bad(
        "parameter-unknown",
        q(&[
            ("customer", "C-1001"),
            ("channel", "email"),
            ("kind", "marketing"),
            ("when", "now"),
        ]),
    ));
    v.extend(bad(
        "parameter-twice",
        q(&[("customer", "C-1001"), ("customer", "C-1002")]),
    ));
    v.extend(bad("query-unreadable", |l| {
        i18n::H_QUERY_UNREADABLE.get(l).to_owned()
    }));
    v.extend(message_problems());
    v
}

/// What is said of a wrong channel, kind or time.
fn message_problems() -> Examples {
    let m = |channel: &'static str, kind: &'static str, at: Option<&'static str>| {
        move |l| {
            message_values(l, channel, kind, at)
                .err()
                .unwrap_or_default()
        }
    };
    let mut v = bad("channel", m("fax", "marketing", None));
    v.extend(bad("kind", m("email", "spam", None)));
    v.extend(bad("time", m("email", "marketing", Some("tomorrow"))));
    v.extend(bad(
        "time-window",
        m("email", "marketing", Some("2099-01-01T00:00:00Z")),
    ));
    v
}

/// What `GET /v1/check-use` says of a query that is wrong.
fn use_problems() -> Examples {
    let q = |given: &'static [(&'static str, &'static str)]| {
        move |l| fields_problem(&CHECK_USE, given, l)
    };
    let mut v = bad("parameter-missing", q(&[("customer", "C-1001")]));
    v.extend(bad(
        "parameter-unknown",
        q(&[
            ("customer", "C-1001"),
            ("purpose", "dpv:Marketing"),
            ("channel", "email"),
        ]),
    ));
    v.extend(bad(
        "parameter-twice",
        q(&[("purpose", "dpv:Marketing"), ("purpose", "dpv:Marketing")]),
    ));
    v.extend(bad("query-unreadable", |l| {
        i18n::H_QUERY_UNREADABLE.get(l).to_owned()
    }));
    v.extend(bad("purpose", |l| {
        use_terms(l, "Marketing", None).err().unwrap_or_default()
    }));
    v.extend(bad("category", |l| {
        use_terms(l, "dpv:Marketing", Some("email"))
            .err()
            .unwrap_or_default()
    }));
    v
}

/// What `POST /v1/sends` says of a body that is wrong.
fn send_problems() -> Examples {
    let body = |b: &'static str| {
        move |l| {
            super::SendBody::parse(l, b.as_bytes())
                .err()
                .unwrap_or_default()
        }
    };
    let mut v = bad("body-not-object", body("[\"C-1001\"]"));
    v.extend(bad(
        "field-missing",
        body(r#"{"customer": "C-1001", "channel": "email"}"#),
    ));
    v.extend(bad(
        "field-unknown",
        body(r#"{"customer": "C-1001", "channel": "email", "kind": "marketing", "count": 1}"#),
    ));
    v.extend(bad(
        "field-not-text",
        body(r#"{"customer": 1001, "channel": "email", "kind": "marketing"}"#),
    ));
    v.extend(message_problems());
    v
}
