//! `headimgurl`: a real PNG served by the simulator, dead after an avatar change.

mod common;

use common::{s, spawn, APP_A};
use wxlogin_sim::control::Scope;

/// Decodes the PNG and returns (width, height, first pixel's RGB).
fn decode(bytes: &[u8]) -> (u32, u32, [u8; 3]) {
    let mut decoder = png::Decoder::new(bytes);
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    (frame.width, frame.height, [pixels[0], pixels[1], pixels[2]])
}

async fn fetch(url: &str) -> reqwest::Response {
    reqwest::get(url).await.unwrap()
}

#[tokio::test]
async fn avatar_is_a_png_and_the_old_url_dies() {
    let sim = spawn().await;
    let token = sim.login(APP_A, "alice", Scope::SnsapiUserinfo).await;
    let info = sim
        .userinfo(s(&token["access_token"]), s(&token["openid"]))
        .await
        .json();
    let old_url = s(&info["headimgurl"]).to_owned();
    assert!(old_url.ends_with("/132"));

    let response = fetch(&old_url).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    let (w, h, old_colour) = decode(&response.bytes().await.unwrap());
    assert_eq!((w, h), (132, 132));

    let new_url = sim.control.change_avatar("alice").await.unwrap();
    assert_ne!(new_url, old_url);
    assert_eq!(fetch(&old_url).await.status(), 404);
    let (_, _, new_colour) = decode(&fetch(&new_url).await.bytes().await.unwrap());
    assert_ne!(new_colour, old_colour, "a new avatar looks different");

    let info = sim
        .userinfo(s(&token["access_token"]), s(&token["openid"]))
        .await
        .json();
    assert_eq!(info["headimgurl"], new_url.as_str());
    assert_eq!(sim.control.calls().await.unwrap().avatar, 3);
}

#[tokio::test]
async fn other_sizes_and_odd_user_ids() {
    let sim = spawn().await;
    sim.code(APP_A, "熊猫 user/1", Scope::SnsapiUserinfo).await;
    let url = sim.control.user("熊猫 user/1").await.unwrap().headimgurl;
    let (w, _, _) = decode(&fetch(&url).await.bytes().await.unwrap());
    assert_eq!(w, 132);
    let full = url.replace("/132", "/0");
    let (w, _, _) = decode(&fetch(&full).await.bytes().await.unwrap());
    assert_eq!(w, 640);
    assert_eq!(fetch(&url.replace("/132", "/133")).await.status(), 404);
    let unknown = format!("{}/avatar/nobody/1/132", sim.handle.base_url());
    assert_eq!(fetch(&unknown).await.status(), 404);
}

#[tokio::test]
async fn changing_an_unknown_users_avatar_is_404() {
    let sim = spawn().await;
    assert!(sim.control.change_avatar("nobody").await.is_err());
}
