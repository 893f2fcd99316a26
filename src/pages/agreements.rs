use crate::{
    components::{labels, OutboxStatus, ReadAloud, SkippedNotice, WithDossier},
    i18n::*,
    model::{
        agreements::{self, ReadState},
        dates,
        outbox::ItemState,
        speech::Piece,
        Agreement, AgreementKind, Dossier,
    },
    state::outbox::{self, use_outbox},
    state::{acks, settings::lang, use_dossier},
};
use leptos::prelude::*;
use std::rc::Rc;

/// The agreements (samenwerkingsafspraken), grouped by who commits to them.
#[component]
pub fn AgreementsPage() -> impl IntoView {
    view! { <WithDossier let:d><Agreements dossier=d /></WithDossier> }
}

#[component]
fn Agreements(dossier: Rc<Dossier>) -> impl IntoView {
    let i18n = use_i18n();
    let (query, set_query) = signal(String::new());
    let participant_id = dossier.participant.id.clone();
    let all = dossier.agreements.items.clone();
    let skipped = dossier.agreements.skipped_count();
    let total = all.len();
    let ended: Vec<Agreement> = all
        .iter()
        .filter(|a| !agreements::is_active(a))
        .cloned()
        .collect();
    let active = StoredValue::new(
        all.into_iter()
            .filter(agreements::is_active)
            .collect::<Vec<_>>(),
    );
    let pid = participant_id.clone();
    let groups = move || {
        let q = query.get();
        let pid = pid.clone();
        active.with_value(|active| {
            let visible: Vec<&Agreement> = active.iter().filter(|a| agreements::matches(a, &q)).collect();
            if visible.is_empty() && !q.trim().is_empty() {
                return view! { <p role="status">{t!(i18n, agreements.no_results)}</p> }.into_any();
            }
            agreements::group_by_owner(visible)
                .into_iter()
                .map(|(owner, items)| {
                    let pid = pid.clone();
                    view! {
                        <section class="group">
                            <h2>{move || labels::owner(i18n, &owner)}</h2>
                            <ul class="plain cards">
                                {items.into_iter().map(|a| view! { <li><AgreementCard agreement=a.clone() participant_id=pid.clone() /></li> }).collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    let ended_count = ended.len();

    view! {
        <h1>{t!(i18n, agreements.title)}</h1>
        <p>{t!(i18n, agreements.intro)}</p>
        <SkippedNotice count=skipped />
        {if total == 0 {
            view! { <p class="empty">{t!(i18n, agreements.empty)}</p> }.into_any()
        } else {
            view! {
                <div class="search">
                    <label for="agreement-search">{t!(i18n, agreements.search)}</label>
                    <input
                        id="agreement-search"
                        class="input"
                        type="search"
                        prop:value=query
                        on:input=move |ev| set_query.set(event_target_value(&ev))
                    />
                </div>
                {groups}
                {(ended_count > 0).then(|| view! {
                    <details class="ended">
                        <summary>{t!(i18n, agreements.ended, count = move || ended_count)}</summary>
                        <ul class="plain cards">
                            {ended.iter().map(|a| view! { <li><AgreementCard agreement=a.clone() participant_id=participant_id.clone() /></li> }).collect_view()}
                        </ul>
                    </details>
                })}
            }.into_any()
        }}
    }
}

#[derive(Clone, Copy, PartialEq)]
enum AckState {
    Idle,
    /// In the outbox under this id.
    Queued(uuid::Uuid),
}

/// One agreement: kind (special conditions stand out by icon and words), text, dates,
/// and "Ik heb dit gelezen" when a new version waits to be confirmed.
#[component]
fn AgreementCard(agreement: Agreement, participant_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let today = dates::today_at(dates::now());
    let a = agreement;
    let local = RwSignal::new(acks::local_ack(&a.id));
    let state = {
        let a = a.clone();
        move || agreements::read_state(&a, local.get())
    };
    let ack = RwSignal::new(AckState::Idle);
    let is_condition = a.kind == AgreementKind::Condition;
    let kind = a.kind.clone();
    let agreed = a.agreed_on.map(|d| d.0);
    let review = a.review_on.map(|d| d.0);
    let changes = a.changes.clone();
    let title_id = format!("agreement-{}", a.id);
    let title_ref = title_id.clone();
    let outbox = use_outbox();
    let confirm = {
        let a = a.clone();
        move |_| {
            let Some(version) = a.version else { return };
            let id = outbox::acknowledge(&outbox, &participant_id, &a.id, version);
            ack.set(AckState::Queued(id));
        }
    };
    // Shown as confirmed once the inbox has it (the outbox remembers it for the device).
    {
        let version = a.version;
        Effect::new(move |_| {
            if let (AckState::Queued(item), Some(version)) = (ack.get(), version) {
                if outbox.state(item) == Some(ItemState::Sent) {
                    local.set(Some(version));
                }
            }
        });
    }
    view! {
        <article class="card agreement" class:condition=is_condition aria-labelledby=title_ref>
            <p class="kind">
                <span aria-hidden="true">{labels::agreement_kind_icon(&kind)}" "</span>
                {
                    let kind = kind.clone();
                    move || labels::agreement_kind(i18n, &kind)
                }
            </p>
            <h3 id=title_id dir="auto">
                {a.title.clone()}
                {
                    let state = state.clone();
                    move || match state() {
                        ReadState::New => Some(view! { <span class="badge">{t!(i18n, agreements.badge_new)}</span> }.into_any()),
                        ReadState::Changed => Some(view! { <span class="badge">{t!(i18n, agreements.badge_changed)}</span> }.into_any()),
                        ReadState::Confirmed => None,
                    }
                }
            </h3>
            {a.text.clone().map(|t| view! { <p class="text" dir="auto">{t}</p> })}
            <ReadAloud
                text=vec![Piece::new(&use_dossier().data_lang(), format!("{}. {}", a.title, a.text.clone().unwrap_or_default()))]
                what=a.title.clone() />
            {
                let state = state.clone();
                move || {
                    let changes = changes.clone();
                    (state() == ReadState::Changed && !changes.is_empty()).then(|| view! {
                        <div class="changes">
                            <h4>{t!(i18n, agreements.changes)}</h4>
                            <p dir="auto">{move || changes.get(lang(i18n)).to_string()}</p>
                        </div>
                    })
                }
            }
            <p class="meta">
                {agreed.map(|d| view! { <span>{move || t_string!(i18n, agreements.agreed_on, date = dates::date_long(d, lang(i18n)))}</span> })}
                {review.map(|d| view! { <span>{move || if agreements::review_passed(d, today) {
                    t_string!(i18n, agreements.review_passed, date = dates::day_short_absolute(d, today, lang(i18n))).to_string()
                } else {
                    t_string!(i18n, agreements.review_on, date = dates::day_short(d, today, lang(i18n))).to_string()
                }}</span> })}
            </p>
            {move || match (state(), ack.get()) {
                (ReadState::Confirmed, _) => a.version.map(|_| view! {
                    <p class="confirmed" role="status"><span aria-hidden="true">"✅ "</span>{t!(i18n, agreements.confirmed)}</p>
                }.into_any()),
                (_, AckState::Queued(id)) => Some(view! { <OutboxStatus id /> }.into_any()),
                (_, AckState::Idle) => {
                    let confirm = confirm.clone();
                    Some(view! {
                        <button class="button primary" on:click=confirm><span aria-hidden="true">"✔️ "</span>{t!(i18n, agreements.confirm)}</button>
                    }.into_any())
                }
            }}
        </article>
    }
}
