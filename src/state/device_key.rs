//! This browser's device key: a non-extractable AES-256-GCM key (WebCrypto), kept in
//! IndexedDB. A script of this origin can use it but never read it, and it is not in
//! localStorage. So the secrets of a remembered sign-in (a sealed dossier's key, the write
//! proof) sealed by it are not given away by a copy of localStorage, even when the 5-digit
//! PIN behind which they are also kept is guessed (THREAT_MODEL.md, M5).
//!
//! Reached through `Reflect`, as Web Locks are (`browser::with_web_lock`): web-sys bindings
//! for IndexedDB and SubtleCrypto would add their glue to the first load for code that
//! runs only when a PIN is set or typed.

use crate::model::storage;
use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{closure::Closure, JsCast as _, JsValue};
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

/// The object store in the database, and the key's name in it.
const STORE: &str = "keys";
const NAME: &str = "device";
/// Bytes of the AES-GCM nonce that starts a sealed value.
const IV_LEN: usize = 12;

/// No device key: no IndexedDB or WebCrypto here (some private windows), or none stored
/// (another browser, or the database was cleared), or what it sealed does not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unavailable;

impl From<JsValue> for Unavailable {
    fn from(_: JsValue) -> Self {
        Unavailable
    }
}

fn get(target: &JsValue, name: &str) -> Result<JsValue, Unavailable> {
    let value = Reflect::get(target, &JsValue::from_str(name))?;
    if value.is_undefined() || value.is_null() {
        return Err(Unavailable);
    }
    Ok(value)
}

fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, Unavailable> {
    let function: Function = get(target, name)?.dyn_into()?;
    let args: Array = args.iter().collect();
    Ok(Reflect::apply(&function, target, &args)?)
}

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

async fn settle(promise: JsValue) -> Result<JsValue, Unavailable> {
    Ok(JsFuture::from(Promise::resolve(&promise)).await?)
}

/// An `IDBRequest` as a future of its `result`.
async fn request(request: JsValue) -> Result<JsValue, Unavailable> {
    let promise = Promise::new(&mut |resolve, reject| {
        let done = request.clone();
        let success = Closure::once_into_js(move |_: JsValue| {
            let result = Reflect::get(&done, &JsValue::from_str("result")).unwrap_or_default();
            let _ = resolve.call1(&JsValue::NULL, &result);
        });
        let failure = Closure::once_into_js(move |event: JsValue| {
            // Handled here: the error does not also go to the console as uncaught.
            let _ = call(&event, "preventDefault", &[]);
            let _ = reject.call0(&JsValue::NULL);
        });
        let _ = Reflect::set(&request, &JsValue::from_str("onsuccess"), &success);
        let _ = Reflect::set(&request, &JsValue::from_str("onerror"), &failure);
    });
    settle(promise.into()).await
}

fn subtle() -> Result<JsValue, Unavailable> {
    get(&get(&js_sys::global(), "crypto")?, "subtle")
}

/// Runs `work` on the database, which is closed afterwards (an open connection would hold
/// up [`forget`]).
async fn with_store<T>(
    work: impl AsyncFnOnce(&dyn Fn(&str) -> Result<JsValue, Unavailable>) -> Result<T, Unavailable>,
) -> Result<T, Unavailable> {
    let idb = get(&js_sys::global(), "indexedDB")?;
    let open = call(
        &idb,
        "open",
        &[JsValue::from_str(storage::DEVICE_KEY), JsValue::from(1)],
    )?;
    let opening = open.clone();
    let upgrade = Closure::once_into_js(move |_: JsValue| {
        if let Ok(db) = get(&opening, "result") {
            let _ = call(&db, "createObjectStore", &[JsValue::from_str(STORE)]);
        }
    });
    Reflect::set(&open, &JsValue::from_str("onupgradeneeded"), &upgrade)?;
    let db = request(open).await?;
    let store = |mode: &str| {
        let transaction = call(
            &db,
            "transaction",
            &[JsValue::from_str(STORE), JsValue::from_str(mode)],
        )?;
        call(&transaction, "objectStore", &[JsValue::from_str(STORE)])
    };
    let result = work(&store).await;
    let _ = call(&db, "close", &[]);
    result
}

/// The stored key; with `create`, a new one when none is stored yet.
async fn device_key(create: bool) -> Result<JsValue, Unavailable> {
    with_store(async |store| {
        let stored = request(call(&store("readonly")?, "get", &[NAME.into()])?).await?;
        if !stored.is_undefined() {
            return Ok(stored);
        }
        if !create {
            return Err(Unavailable);
        }
        let algorithm = object(&[("name", "AES-GCM".into()), ("length", 256.into())]);
        let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
        let key = settle(call(
            &subtle()?,
            "generateKey",
            &[algorithm, JsValue::FALSE, usages.into()],
        )?)
        .await?;
        // `add`, not `put`: when another tab stored a key first, that one stays and is used.
        let added = call(&store("readwrite")?, "add", &[key.clone(), NAME.into()])?;
        match request(added).await {
            Ok(_) => Ok(key),
            Err(_) => request(call(&store("readonly")?, "get", &[NAME.into()])?).await,
        }
    })
    .await
}

fn aes_gcm(iv: &[u8], ad: &[u8]) -> JsValue {
    object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(iv).into()),
        ("additionalData", Uint8Array::from(ad).into()),
    ])
}

/// Seals `plain` with the device key (made now if this browser has none): the 12-byte
/// nonce, then the AES-GCM ciphertext and tag. `ad` binds it to its use.
pub async fn seal(plain: &[u8], ad: &[u8]) -> Result<Vec<u8>, Unavailable> {
    let key = device_key(true).await?;
    let mut iv = [0u8; IV_LEN];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut iv);
    let data = Uint8Array::from(plain);
    let sealed = settle(call(
        &subtle()?,
        "encrypt",
        &[aes_gcm(&iv, ad), key, data.clone().into()],
    )?)
    .await;
    data.fill(0, 0, data.length());
    let sealed = Uint8Array::new(&sealed?).to_vec();
    Ok([iv.as_slice(), &sealed].concat())
}

/// Opens what [`seal`] sealed with `ad`, when this browser holds the key that sealed it.
pub async fn open(sealed: &[u8], ad: &[u8]) -> Result<Zeroizing<Vec<u8>>, Unavailable> {
    if sealed.len() < IV_LEN {
        return Err(Unavailable);
    }
    let key = device_key(false).await?;
    let (iv, data) = sealed.split_at(IV_LEN);
    let plain = settle(call(
        &subtle()?,
        "decrypt",
        &[aes_gcm(iv, ad), key, Uint8Array::from(data).into()],
    )?)
    .await?;
    let view = Uint8Array::new(&plain);
    let bytes = Zeroizing::new(view.to_vec());
    view.fill(0, 0, view.length());
    Ok(bytes)
}

/// Deletes the device key (sign-out, PIN removed): what it sealed can no longer be opened
/// anywhere. The browser deletes the database once no connection is open.
pub fn forget() {
    if let Ok(idb) = get(&js_sys::global(), "indexedDB") {
        let _ = call(
            &idb,
            "deleteDatabase",
            &[JsValue::from_str(storage::DEVICE_KEY)],
        );
    }
}
