//! Lines that show leading, managing or mentoring people. "Led to a 20% increase" and
//! "managed the budget" lead no one: a leading verb needs people as its object, close by.
//! The patterns are data (`taxonomy/phrases.toml`, the rules with `leadership = ...`).

use crate::parse::Section;
use crate::taxonomy::phrases::{Leadership, Phrases};

/// Leading, managing, supervising or mentoring people.
pub fn shows_leadership(phrases: &Phrases, text: &str, section: Section) -> bool {
    phrases.shows_leadership(text, section, None)
}

/// Leading or managing people, not only supervising, hiring or mentoring them: the evidence
/// of team leadership.
pub fn leads_people(phrases: &Phrases, text: &str, section: Section) -> bool {
    phrases.shows_leadership(text, section, Some(Leadership::Leads))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::phrases::embedded;

    fn shows(text: &str) -> bool {
        shows_leadership(embedded(), text, Section::Experience)
    }

    fn leads(text: &str) -> bool {
        leads_people(embedded(), text, Section::Experience)
    }

    #[test]
    fn mentoring_is_leadership_but_not_leading_a_team() {
        assert!(shows("Mentored three junior engineers"));
        assert!(!leads("Mentored three junior engineers"));
        assert!(leads("Led a team of 5 ML engineers"));
        assert!(!shows("Paired with a senior mentor through the fellowship."));
        assert!(shows("I mentor two interns each summer"));
        assert!(shows("Mentor junior members in the team"));
        assert!(!leads("Supervised junior developers") && shows("Supervised junior developers"));
    }

    #[test]
    fn leading_people() {
        for line in [
            "- Led a team of 5 ML engineers",
            "Managed 4 data scientists and 2 analysts",
            "Grew the team from 3 to 12",
            "Tech lead for the ranking squad",
            "Led the data platform team",
            "I lead a team of four analysts",
            "Recruit, develop and led high-performing teams",
            "I was leading the offshore team",
            "managed a team of 6",
        ] {
            assert!(leads(line), "{line}");
        }
        for line in
            ["Hired and onboarded 6 engineers", "She supervised two interns", "Mentored 7-12 students each year"]
        {
            assert!(shows(line), "{line}");
        }
    }

    #[test]
    fn leading_things_is_not_leading_people() {
        for line in [
            "Redesign led to a 20% increase in team productivity",
            "Managed the marketing budget",
            "Built pipelines for the analytics team",
            "Was mentored by the head-of-research's staff",
            "Led the migration to Kubernetes",
            "Trained models on 2 TB of data",
            "Looking for a Lead Machine Learning Engineer role.",
            "Reporting to the leadership team",
        ] {
            assert!(!shows(line), "{line}");
        }
    }

    #[test]
    fn a_team_lead_in_a_skills_list_is_the_skill_not_evidence() {
        assert!(!shows_leadership(embedded(), "Team Lead, Communication, Problem solving", Section::Skills));
        assert!(shows_leadership(embedded(), "Team Lead, Payments platform", Section::Experience));
    }
}
