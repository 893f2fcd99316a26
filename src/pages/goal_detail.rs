use super::goals::deadline_text;
use crate::{
    components::{labels, ProgressBar, ReadAloud, WithDossier},
    i18n::*,
    model::{dates, goals, outbox::ItemState, sealed_write::PublicKey, speech::Piece, Goal},
    state::outbox::{self, use_outbox},
    state::{settings::lang, use_dossier},
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

/// One goal: the five SMART parts as plain questions, steps, updates, and a reflection.
#[component]
pub fn GoalDetailPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <WithDossier let:d>
            // Tracked: the router reuses this page from one goal's address to another's.
            // (The app runs on one thread; a reactive child asks for `Send`.)
            {let d = send_wrapper::SendWrapper::new(d);
            move || {
                let id = params.read().get("id").unwrap_or_default();
                let participant_id = d.participant.id.clone();
                // A key that is not a key fails closed: no form, rather than health text in plain.
                let team_key = d.reflection_key().map_err(|_| ());
                d.goal(&id)
                    .cloned()
                    .map(|g| view! { <GoalDetail goal=g participant_id team_key /> }.into_any())
                    .unwrap_or_else(|| view! { <GoalNotFound /> }.into_any())
            }}
        </WithDossier>
    }
}

#[component]
fn GoalNotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, goals.not_found)}</h1>
        <A href="/doelen" attr:class="button">{t!(i18n, goals.back)}</A>
    }
}

#[component]
fn GoalDetail(
    goal: Goal,
    participant_id: String,
    team_key: Result<Option<PublicKey>, ()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let pct = goals::progress(&goal);
    let status = goal.status.clone();
    let domain = goal.domain.clone();
    let smart = goal.smart.clone();
    let deadline = smart.time_bound.map(|d| d.0);
    let mut updates = goal.updates.items.clone();
    updates.sort_by_key(|u| std::cmp::Reverse(u.date));
    let next_eval = goal.next_evaluation.map(|d| d.0);
    // The goal and its SMART answers, question by question, as the page shows them.
    let spoken = {
        let (title, smart) = (goal.title.clone(), smart.clone());
        let data = use_dossier().data_lang();
        Signal::derive(move || {
            let ui = lang(i18n);
            let mut parts = vec![Piece::sentence(&data, &title)];
            for (q, a) in [
                (
                    t_string!(i18n, goals.q_specific).to_string(),
                    &smart.specific,
                ),
                (
                    t_string!(i18n, goals.q_measurable).to_string(),
                    &smart.measurable,
                ),
                (
                    t_string!(i18n, goals.q_achievable).to_string(),
                    &smart.achievable,
                ),
                (
                    t_string!(i18n, goals.q_relevant).to_string(),
                    &smart.relevant,
                ),
            ] {
                if let Some(a) = a {
                    parts.push(Piece::new(ui, q));
                    parts.push(Piece::sentence(&data, a));
                }
            }
            if let Some(d) = deadline {
                parts.push(Piece::sentence(
                    ui,
                    &format!(
                        "{} {}",
                        t_string!(i18n, goals.q_time_bound),
                        deadline_text(i18n, d)
                    ),
                ));
            }
            parts
        })
    };
    let answer = move |text: Option<String>| match text {
        Some(t) => view! { <p dir="auto">{t}</p> }.into_any(),
        None => view! { <p class="muted">{t!(i18n, goals.not_filled)}</p> }.into_any(),
    };
    view! {
        <p><A href="/doelen"><span class="arrow" aria-hidden="true">"← "</span>{t!(i18n, goals.back)}</A></p>
        <h1 dir="auto">{goal.title.clone()}</h1>
        <p class="meta">
            <span><span aria-hidden="true">{labels::domain_icon(domain.as_ref())}" "</span>{
                let domain = domain.clone().unwrap_or_default();
                move || labels::domain(i18n, &domain)
            }</span>
            <span class="status">{move || labels::goal_status(i18n, &status)}</span>
        </p>
        <ProgressBar percent=pct />
        <ReadAloud text=spoken what=goal.title.clone() />
        <section class="card smart">
            <h2>{t!(i18n, goals.q_specific)}</h2>
            {answer(smart.specific.clone())}
            <h2>{t!(i18n, goals.q_measurable)}</h2>
            {answer(smart.measurable.clone())}
            <h2>{t!(i18n, goals.q_achievable)}</h2>
            {answer(smart.achievable.clone())}
            <h2>{t!(i18n, goals.q_relevant)}</h2>
            {answer(smart.relevant.clone())}
            <h2>{t!(i18n, goals.q_time_bound)}</h2>
            {match deadline {
                Some(d) => view! { <p>{move || deadline_text(i18n, d)}</p> }.into_any(),
                None => view! { <p class="muted">{t!(i18n, goals.not_filled)}</p> }.into_any(),
            }}
        </section>
        {(!goal.steps.is_empty()).then(|| view! {
            <section class="card">
                <h2>{t!(i18n, goals.steps)}</h2>
                <ul class="plain checklist">
                    {goal.steps.iter().map(|s| {
                        let done = s.done;
                        let done_on = s.done_on.map(|d| d.0);
                        view! {
                            <li class:done=done>
                                <span aria-hidden="true">{if done { "✅ " } else { "⬜ " }}</span>
                                <span class="visually-hidden">{move || if done { t_string!(i18n, goals.step_done) } else { t_string!(i18n, goals.step_todo) }}": "</span>
                                <span dir="auto">{s.text.clone()}</span>
                                {done_on.map(|d| view! { <span class="muted">" ("{move || t_string!(i18n, goals.done_on, date = dates::date_long(d, lang(i18n)))}")"</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section class="card">
            <h2>{t!(i18n, goals.updates)}</h2>
            {if updates.is_empty() {
                view! { <p class="muted">{t!(i18n, goals.no_updates)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain updates">
                        {updates.into_iter().map(|u| {
                            let date = u.date.0;
                            view! {
                                <li>
                                    <p class="meta">{move || dates::date_long(date, lang(i18n))}{u.author.clone().map(|a| format!(" · {a}"))}</p>
                                    <p dir="auto">{u.text.clone()}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {next_eval.map(|d| view! { <p><strong>{move || if goals::evaluation_passed(d, dates::today_at(dates::now())) {
                t_string!(i18n, goals.evaluation_passed, date = dates::date_long(d, lang(i18n))).to_string()
            } else {
                t_string!(i18n, goals.next_evaluation, date = dates::date_long(d, lang(i18n))).to_string()
            }}</strong></p> })}
        </section>
        {match team_key {
            Ok(sealing) => view! { <Reflection goal_id=goal.id.clone() participant_id sealing /> }.into_any(),
            Err(()) => view! { <ReflectionUnsafe /> }.into_any(),
        }}
    }
}

/// The dossier names a team key that is not a key: nothing can go safely, so no form.
#[component]
fn ReflectionUnsafe() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card">
            <h2>{t!(i18n, goals.reflect_title)}</h2>
            <p class="notice" role="note">{t!(i18n, survey.cannot_seal)}</p>
        </section>
    }
}

/// "Hoe gaat het met dit doel?": a mark from 1 to 10 and a few words, for the mentor. With
/// `sealing` (the care team's key) it is sealed before it is queued.
#[component]
fn Reflection(
    goal_id: String,
    participant_id: String,
    sealing: Option<PublicKey>,
) -> impl IntoView {
    let sealed = sealing.is_some();
    let i18n = use_i18n();
    let rating = RwSignal::new(None::<u8>);
    let text = RwSignal::new(String::new());
    let outbox = use_outbox();
    // The last reflection put in the outbox.
    let queued = RwSignal::new(None::<uuid::Uuid>);
    let missing = RwSignal::new(false);
    let limit = crate::model::inbox::limits::REFLECTION_TEXT;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(r) = rating.get_untracked() else {
            missing.set(true);
            return;
        };
        missing.set(false);
        let id = outbox::reflect_on_goal(
            &outbox,
            &participant_id,
            &goal_id,
            r,
            &text.get_untracked(),
            sealing.as_ref(),
        );
        queued.set(Some(id));
        text.set(String::new());
        rating.set(None);
    };
    view! {
        <section class="card">
            <h2>{t!(i18n, goals.reflect_title)}</h2>
            <form class="form" on:submit=submit>
                <fieldset class="rating">
                    <legend>{t!(i18n, goals.reflect_rating)}</legend>
                    <div class="grade-buttons">
                        {(1..=10u8).map(|n| view! {
                            <label class="grade">
                                <input type="radio" name="rating" value=n
                                    prop:checked=move || rating.get() == Some(n)
                                    on:change=move |_| rating.set(Some(n)) />
                                <span>{n}</span>
                            </label>
                        }).collect_view()}
                    </div>
                </fieldset>
                {move || missing.get().then(|| view! { <p class="form-error" role="alert">{t!(i18n, goals.reflect_need_rating)}</p> })}
                <label for="reflection-text">{t!(i18n, goals.reflect_text)}</label>
                <textarea id="reflection-text" class="input" rows="3" maxlength=limit
                    prop:value=text on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <p class="muted" aria-live="polite">{move || format!("{} / {limit}", text.read().chars().count())}</p>
                {sealed.then(|| view! { <p class="muted"><span aria-hidden="true">"🔒 "</span>{t!(i18n, goals.reflect_sealed)}</p> })}
                <button type="submit" class="button primary">
                    {t!(i18n, goals.reflect_send)}
                </button>
                <div role="status" aria-live="polite">
                    {move || queued.get().and_then(|id| outbox.state(id)).map(|state| match state {
                        ItemState::Waiting => t_string!(i18n, goals.reflect_waiting).to_string(),
                        ItemState::Sent => t_string!(i18n, goals.reflect_sent).to_string(),
                        ItemState::Failed(reason) => t_string!(i18n, goals.reflect_failed, reason = reason).to_string(),
                    })}
                </div>
            </form>
        </section>
    }
}
