//! User-facing names of the contract's enums. Unknown values get a neutral label.
use crate::{
    i18n::*,
    model::{
        contacts::ContactRole, AgreementKind, AgreementOwner, AppointmentKind, CareType, Domain,
        GoalStatus, SignalLevel, TeamRole,
    },
};

use leptos_i18n::I18nContext;

type I18n = I18nContext<Locale>;

pub fn domain(i18n: I18n, d: &Domain) -> String {
    match d {
        Domain::Housing => t_string!(i18n, domain.housing),
        Domain::Work => t_string!(i18n, domain.work),
        Domain::Finances => t_string!(i18n, domain.finances),
        Domain::SocialNetwork => t_string!(i18n, domain.social_network),
        Domain::PhysicalHealth => t_string!(i18n, domain.physical_health),
        Domain::MentalHealth => t_string!(i18n, domain.mental_health),
        Domain::SubstanceUse => t_string!(i18n, domain.substance_use),
        Domain::Justice => t_string!(i18n, domain.justice),
        Domain::DailyLiving => t_string!(i18n, domain.daily_living),
        Domain::Leisure => t_string!(i18n, domain.leisure),
        Domain::Meaning => t_string!(i18n, domain.meaning),
        Domain::Other(_) => t_string!(i18n, domain.other),
    }
    .to_string()
}

/// A pictogram per life domain; always shown next to its label, never alone.
pub fn domain_icon(d: Option<&Domain>) -> &'static str {
    match d {
        Some(Domain::Housing) => "🏠",
        Some(Domain::Work) => "🛠️",
        Some(Domain::Finances) => "💶",
        Some(Domain::SocialNetwork) => "👥",
        Some(Domain::PhysicalHealth) => "❤️",
        Some(Domain::MentalHealth) => "🧠",
        Some(Domain::SubstanceUse) => "🚭",
        Some(Domain::Justice) => "⚖️",
        Some(Domain::DailyLiving) => "🧺",
        Some(Domain::Leisure) => "⚽",
        Some(Domain::Meaning) => "🌱",
        _ => "📌",
    }
}

/// The kind of care, as the participant's papers name it.
pub fn care_type(i18n: I18n, c: &CareType) -> String {
    match c {
        CareType::Ambulant => t_string!(i18n, my_data.care_ambulant),
        CareType::ShelteredHousing => t_string!(i18n, my_data.care_sheltered),
        CareType::Vpt => t_string!(i18n, my_data.care_vpt),
        CareType::DayActivities => t_string!(i18n, my_data.care_day),
        CareType::Other(_) => t_string!(i18n, unknown),
    }
    .to_string()
}

/// A signalling-plan phase: its colour in words, never the colour alone.
pub fn signal_level(i18n: I18n, l: &SignalLevel) -> String {
    match l {
        SignalLevel::Green => t_string!(i18n, signals.green),
        SignalLevel::Orange => t_string!(i18n, signals.orange),
        SignalLevel::Red => t_string!(i18n, signals.red),
        SignalLevel::Other(_) => t_string!(i18n, signals.other),
    }
    .to_string()
}

pub fn goal_status(i18n: I18n, s: &GoalStatus) -> String {
    match s {
        GoalStatus::Active => t_string!(i18n, goals.status_active),
        GoalStatus::Achieved => t_string!(i18n, goals.status_achieved),
        GoalStatus::Paused => t_string!(i18n, goals.status_paused),
        GoalStatus::Stopped => t_string!(i18n, goals.status_stopped),
        GoalStatus::Other(_) => t_string!(i18n, goals.status_else),
    }
    .to_string()
}

pub fn owner(i18n: I18n, o: &AgreementOwner) -> String {
    match o {
        AgreementOwner::Participant => t_string!(i18n, agreements.owner_participant),
        AgreementOwner::Care => t_string!(i18n, agreements.owner_care),
        AgreementOwner::Probation => t_string!(i18n, agreements.owner_probation),
        AgreementOwner::Joint => t_string!(i18n, agreements.owner_joint),
        AgreementOwner::Other(_) => t_string!(i18n, agreements.owner_else),
    }
    .to_string()
}

pub fn agreement_kind(i18n: I18n, k: &AgreementKind) -> String {
    match k {
        AgreementKind::Agreement => t_string!(i18n, agreements.kind_agreement),
        AgreementKind::Condition => t_string!(i18n, agreements.kind_condition),
        AgreementKind::HouseRule => t_string!(i18n, agreements.kind_house_rule),
        AgreementKind::InformationSharing => t_string!(i18n, agreements.kind_information_sharing),
        AgreementKind::Other(_) => t_string!(i18n, agreements.kind_else),
    }
    .to_string()
}

pub fn agreement_kind_icon(k: &AgreementKind) -> &'static str {
    match k {
        AgreementKind::Agreement => "🤝",
        AgreementKind::Condition => "⚖️",
        AgreementKind::HouseRule => "🏠",
        AgreementKind::InformationSharing => "💬",
        AgreementKind::Other(_) => "📌",
    }
}

pub fn appointment_kind(i18n: I18n, k: &AppointmentKind) -> String {
    match k {
        AppointmentKind::Mentor => t_string!(i18n, agenda.kind_mentor),
        AppointmentKind::Probation => t_string!(i18n, agenda.kind_probation),
        AppointmentKind::Treatment => t_string!(i18n, agenda.kind_treatment),
        AppointmentKind::Medical => t_string!(i18n, agenda.kind_medical),
        AppointmentKind::Court => t_string!(i18n, agenda.kind_court),
        AppointmentKind::DayActivity => t_string!(i18n, agenda.kind_day_activity),
        AppointmentKind::Other(_) => t_string!(i18n, agenda.kind_else),
    }
    .to_string()
}

pub fn appointment_icon(k: &AppointmentKind) -> &'static str {
    match k {
        AppointmentKind::Mentor => "🙂",
        AppointmentKind::Probation => "📋",
        AppointmentKind::Treatment => "💬",
        AppointmentKind::Medical => "🏥",
        AppointmentKind::Court => "⚖️",
        AppointmentKind::DayActivity => "🛠️",
        AppointmentKind::Other(_) => "📅",
    }
}

pub fn team_role(i18n: I18n, r: &TeamRole) -> String {
    match r {
        TeamRole::Mentor => t_string!(i18n, role.mentor),
        TeamRole::ProbationOfficer => t_string!(i18n, role.probation_officer),
        TeamRole::TrajectoryManager => t_string!(i18n, role.trajectory_manager),
        TeamRole::BehaviouralScientist => t_string!(i18n, role.behavioural_scientist),
        TeamRole::Practitioner => t_string!(i18n, role.practitioner),
        TeamRole::Other(_) => t_string!(i18n, role.other),
    }
    .to_string()
}

pub fn contact_role(i18n: I18n, r: &ContactRole) -> String {
    match r {
        ContactRole::ConfidentialAdviser => t_string!(i18n, contact.role_confidential_adviser),
        ContactRole::ComplaintsOfficer => t_string!(i18n, contact.role_complaints_officer),
        ContactRole::SpiritualCarer => t_string!(i18n, contact.role_spiritual_carer),
        ContactRole::CrisisLine => t_string!(i18n, contact.role_crisis_line),
        ContactRole::ClientCouncil => t_string!(i18n, contact.role_client_council),
        ContactRole::Other(_) => t_string!(i18n, contact.role_else),
    }
    .to_string()
}

/// One or two plain sentences on what this kind of contact does.
pub fn contact_about(i18n: I18n, r: &ContactRole) -> Option<String> {
    Some(
        match r {
            ContactRole::ConfidentialAdviser => t_string!(i18n, contact.about_confidential_adviser),
            ContactRole::ComplaintsOfficer => t_string!(i18n, contact.about_complaints_officer),
            ContactRole::SpiritualCarer => t_string!(i18n, contact.about_spiritual_carer),
            ContactRole::CrisisLine => t_string!(i18n, contact.about_crisis_line),
            ContactRole::ClientCouncil => t_string!(i18n, contact.about_client_council),
            ContactRole::Other(_) => return None,
        }
        .to_string(),
    )
}

/// `tel:` links keep only what a dialler understands.
pub fn tel_href(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

/// A reminder choice in words (Settings, and the agenda says which one is on).
pub fn reminders(i18n: I18nContext<Locale>, choice: crate::model::reminders::Reminders) -> String {
    use crate::model::reminders::Reminders;
    match choice {
        Reminders::None => t_string!(i18n, settings.reminders_none),
        Reminders::EveningBefore => t_string!(i18n, settings.reminders_evening),
        Reminders::HoursBefore => t_string!(i18n, settings.reminders_hours),
        Reminders::Both => t_string!(i18n, settings.reminders_both),
    }
    .to_string()
}
