//! `openapi.yaml` against the contract crate and against the running server: the routes
//! and error codes it lists are exactly the real ones, and real responses of a full
//! session validate against its schemas (required fields, no undocumented fields,
//! types, nullability).

mod common;

use std::collections::BTreeSet;

use serde_json::{json, Value};
use wxlogin_contract::{paths, ApiCode};

fn spec() -> Value {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.yaml")).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

#[test]
fn every_contract_route_is_documented_and_nothing_else() {
    let spec = spec();
    let documented: BTreeSet<String> = spec["paths"].as_object().unwrap().keys().cloned().collect();
    let mut real: BTreeSet<String> = [
        paths::HEALTH,
        paths::AUTH_WECHAT,
        paths::CAPTCHA,
        paths::AUTH_WECHAT_BIND_PHONE,
        paths::AUTH_PHONE,
        paths::AUTH_PASSWORD,
        paths::AUTH_RESUME,
        paths::AUTH_LOGOUT,
        paths::ME,
        paths::ME_WECHAT,
        paths::ME_PHONE,
    ]
    .into_iter()
    .map(String::from)
    .collect();
    real.insert("/v1/avatars/{id}".into());
    // The web channels' browser routes (server/src/http/web/mod.rs).
    for web in [
        "/web/",
        "/web/qr/start",
        "/web/qr/callback",
        "/web/oa/start",
        "/web/oa/callback",
        "/web/bind",
        "/web/bind/captcha",
        "/web/logout",
        "/MP_verify_{token}.txt",
    ] {
        real.insert(web.into());
    }
    assert_eq!(documented, real);
}

#[test]
fn the_error_code_list_is_the_contracts() {
    let spec = spec();
    let documented: BTreeSet<i64> = spec["components"]["schemas"]["ApiCode"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    let real: BTreeSet<i64> = ApiCode::ALL.iter().map(|c| i64::from(c.number())).collect();
    assert_eq!(documented, real);
    let described = spec["components"]["schemas"]["ApiCode"]["description"]
        .as_str()
        .unwrap();
    for code in &real {
        assert!(described.contains(&code.to_string()), "{code} undescribed");
    }
}

/// Validates `value` against `schema` (the subset of OpenAPI 3.0 the spec uses).
fn validate(spec: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        return validate(spec, &spec["components"]["schemas"][name], value, at);
    }
    if value.is_null() {
        return if schema["nullable"] == true {
            vec![]
        } else {
            vec![format!("{at}: null but not nullable")]
        };
    }
    let mut errors = vec![];
    let kind_ok = match schema["type"].as_str() {
        Some("object") => value.is_object(),
        Some("string") => value.is_string(),
        Some("integer") => value.is_i64() || value.is_u64(),
        Some("boolean") => value.is_boolean(),
        Some("array") => value.is_array(),
        _ => true,
    };
    if !kind_ok {
        return vec![format!("{at}: {value} is not {}", schema["type"])];
    }
    if let Some(allowed) = schema["enum"].as_array() {
        if !allowed.contains(value) {
            errors.push(format!("{at}: {value} not in enum"));
        }
    }
    if let Some(object) = value.as_object() {
        let properties = schema["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        for required in schema["required"].as_array().into_iter().flatten() {
            if !object.contains_key(required.as_str().unwrap()) {
                errors.push(format!("{at}: missing {required}"));
            }
        }
        for (key, field) in object {
            match properties.get(key) {
                Some(property) => {
                    errors.extend(validate(spec, property, field, &format!("{at}.{key}")))
                }
                None if schema["additionalProperties"] == false => {
                    errors.push(format!("{at}: undocumented {key}"))
                }
                None => {}
            }
        }
    }
    errors
}

/// Checks one real answer against the spec entry for (`path`, `method`, its status).
fn check(spec: &Value, path: &str, method: &str, answer: &common::Answer) {
    let status = answer.status.to_string();
    let response = &spec["paths"][path][method]["responses"][&status];
    assert!(
        response.is_object(),
        "{method} {path} answered an undocumented {status}: {}",
        answer.body
    );
    let errors = if answer.status == 200 {
        let data_schema = json!({ "$ref": format!("#/components/schemas/{}", response["x-data"].as_str().unwrap()) });
        let mut errors = validate(
            spec,
            &json!({"type": "object", "required": ["code", "msg", "data"]}),
            &answer.body,
            "body",
        );
        errors.extend(validate(spec, &data_schema, answer.data(), "data"));
        errors
    } else {
        let mut errors = validate(
            spec,
            &json!({"$ref": "#/components/schemas/Error"}),
            &answer.body,
            "body",
        );
        let code = answer.code().to_string();
        if !response["description"]
            .as_str()
            .unwrap_or_default()
            .contains(&code)
        {
            errors.push(format!("code {code} not documented for {status}"));
        }
        errors
    };
    assert!(
        errors.is_empty(),
        "{method} {path} {status}: {errors:?}\n{}",
        answer.body
    );
}

#[tokio::test]
async fn a_full_session_matches_the_document() {
    let spec = spec();
    let env = common::start().await;
    let phone = "13500135000";

    let login = env.wechat_login("olivia").await;
    check(&spec, paths::AUTH_WECHAT, "post", &login);
    let ticket = login.data()["bind_ticket"].as_str().unwrap().to_owned();
    let sent = env
        .post(
            paths::CAPTCHA,
            json!({"mobile": phone, "purpose": "bind"}),
            None,
        )
        .await;
    check(&spec, paths::CAPTCHA, "post", &sent);
    let captcha = env
        .get(&format!("/dev/sms?mobile={phone}"), None)
        .await
        .body["captcha"]
        .as_str()
        .unwrap()
        .to_owned();
    let wrong = env
        .post(
            paths::AUTH_WECHAT_BIND_PHONE,
            json!({"bind_ticket": ticket, "mobile": phone, "captcha": "x"}),
            None,
        )
        .await;
    check(&spec, paths::AUTH_WECHAT_BIND_PHONE, "post", &wrong);
    let bound = env
        .post(
            paths::AUTH_WECHAT_BIND_PHONE,
            json!({"bind_ticket": ticket, "mobile": phone, "captcha": captcha}),
            None,
        )
        .await;
    check(&spec, paths::AUTH_WECHAT_BIND_PHONE, "post", &bound);
    let token = bound.data()["token"].as_str().unwrap().to_owned();

    check(
        &spec,
        paths::AUTH_WECHAT,
        "post",
        &env.wechat_login("olivia").await,
    );
    check(
        &spec,
        paths::ME,
        "get",
        &env.get(paths::ME, Some(&token)).await,
    );
    check(
        &spec,
        paths::ME_WECHAT,
        "post",
        &env.bind_wechat(&token, "someone-else").await,
    );
    let resumed = env.post(paths::AUTH_RESUME, json!({}), Some(&token)).await;
    check(&spec, paths::AUTH_RESUME, "post", &resumed);
    check(
        &spec,
        paths::ME,
        "get",
        &env.get(paths::ME, Some(&token)).await,
    );
    let token = resumed.data()["token"].as_str().unwrap().to_owned();
    check(
        &spec,
        paths::AUTH_PASSWORD,
        "post",
        &env.post(
            paths::AUTH_PASSWORD,
            json!({"account": "x", "password": "y"}),
            None,
        )
        .await,
    );
    check(
        &spec,
        paths::AUTH_PHONE,
        "post",
        &env.post(
            paths::AUTH_PHONE,
            json!({"mobile": "1", "captcha": "y"}),
            None,
        )
        .await,
    );
    check(
        &spec,
        paths::ME_PHONE,
        "post",
        &env.post(
            paths::ME_PHONE,
            json!({"mobile": phone, "captcha": "000000"}),
            Some(&token),
        )
        .await,
    );
    check(
        &spec,
        paths::AUTH_LOGOUT,
        "post",
        &env.post(paths::AUTH_LOGOUT, json!({}), Some(&token)).await,
    );
    check(
        &spec,
        paths::AUTH_LOGOUT,
        "post",
        &env.post(paths::AUTH_LOGOUT, json!({}), Some(&token)).await,
    );
    check(
        &spec,
        paths::ME_PHONE,
        "post",
        &env.post(
            paths::ME_PHONE,
            json!({"mobile": phone, "captcha": "000000"}),
            None,
        )
        .await,
    );
}

/// The refusals every route shares, and the ones of the new limits, as documented.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn refusals_and_limits_match_the_document() {
    let spec = spec();
    let env = common::start_with(|config| {
        config.passwords.free_per_pair = 1;
        config.passwords.hash_concurrency = 1;
        config.passwords.hash_wait_ms = 0;
    })
    .await;
    let avatar = "/v1/avatars/{id}";
    check(
        &spec,
        avatar,
        "get",
        &env.get("/v1/avatars/abc", None).await,
    );
    let unknown = format!("/v1/avatars/{}", "a".repeat(32));
    check(&spec, avatar, "get", &env.get(&unknown, None).await);
    check(
        &spec,
        avatar,
        "get",
        &env.post(&unknown, json!({}), None).await,
    );
    for (path, method) in [
        (paths::AUTH_WECHAT, "post"),
        (paths::ME, "get"),
        (paths::HEALTH, "get"),
    ] {
        let wrong = env.http.delete(env.url(path)).send().await.unwrap();
        let status = wrong.status().as_u16();
        let body = wrong.json().await.unwrap();
        check(&spec, path, method, &common::Answer { status, body });
    }
    let raw = |content_type: &'static str, body: String| {
        env.http
            .post(env.url(paths::AUTH_PASSWORD))
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    for response in [
        raw("text/plain", "{}".into()).await.unwrap(),
        raw("application/json", "x".repeat(20_000)).await.unwrap(),
    ] {
        let status = response.status().as_u16();
        let body = response.json().await.unwrap();
        check(
            &spec,
            paths::AUTH_PASSWORD,
            "post",
            &common::Answer { status, body },
        );
    }
    let wrong = json!({"account": "nobody", "password": "guess"});
    let first = env.post(paths::AUTH_PASSWORD, wrong.clone(), None).await;
    check(&spec, paths::AUTH_PASSWORD, "post", &first);
    let locked = env.post(paths::AUTH_PASSWORD, wrong, None).await;
    assert_eq!(locked.status, 429);
    check(&spec, paths::AUTH_PASSWORD, "post", &locked);
    let mut burst = tokio::task::JoinSet::new();
    for i in 0..12 {
        let request = env
            .http
            .post(env.url(paths::AUTH_PASSWORD))
            .json(&json!({"account": format!("n{i}"), "password": "p"}));
        burst.spawn(async move {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            common::Answer {
                status,
                body: response.json().await.unwrap(),
            }
        });
    }
    let answers = burst.join_all().await;
    let busy = answers.iter().find(|a| a.status == 503).expect("a 503");
    check(&spec, paths::AUTH_PASSWORD, "post", busy);
}
