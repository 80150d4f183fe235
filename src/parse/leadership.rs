//! Lines that show leading, managing or mentoring people. "Led to a 20% increase" and
//! "managed the budget" lead no one: a leading verb needs people as its object, close by.

use std::sync::LazyLock;

use regex::Regex;

const PEOPLE: &str = r"(?:team|teams|engineers?|scientists?|analysts?|developers?|researchers?|people|staff|reports|interns?|members|juniors?|hires|group|squad|squads|org|organi[sz]ation|students|contractors|employees|colleagues|mles?|practitioners)";

/// Leading or managing people, as one alternation so a line is searched once.
static LEADS_PEOPLE: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"[\w\-&/+.,']+";
    let alternatives = [
        // led / managed / supervised / directed ... + people within four words
        format!(r"(?i)(?-u:\b)(?:led|leading|manag(?:e|ed|es|ing)|direct(?:ed|ing)|head(?:ed|ing)|oversaw|oversee|overseeing)\s+(?:{word}\s+){{0,4}}?{PEOPLE}(?-u:\b)"),
        // present-tense "lead" only with an object ("I lead a team"), not as part of a title
        // ("a Lead Machine Learning Engineer role")
        format!(r"(?i)(?-u:\b)lead\s+(?:a|an|the|my|our|two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+(?:{word}\s+){{0,3}}?{PEOPLE}(?-u:\b)"),
        // built / grew / scaled / formed a team
        r"(?i)(?-u:\b)(?:built|grew|growing|scaled|formed|assembled|founded|stood up)\s+(?:\w+\s+){0,2}?teams?(?-u:\b)".to_string(),
        r"(?i)(?-u:\b)(?:direct reports?|team of \d+|team lead|tech(?:nical)? lead|people manager|engineering manager|line manager|head of|managing director|team leader)(?-u:\b)".to_string(),
    ]
    .iter()
    .map(|p| format!("(?:{p})"))
    .collect::<Vec<_>>()
    .join("|");
    Regex::new(&alternatives).expect("leadership pattern")
});

/// Supervising, hiring and training people: responsibility for people, short of leading a team.
static SUPERVISES: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"[\w\-&/+.,']+";
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?:co-)?supervis(?:e|ed|es|ing)|hired|recruited|onboarded|trained|interviewed and hired)\s+(?:{word}\s+){{0,3}}?{PEOPLE}(?-u:\b)"
    ))
    .expect("supervision pattern")
});

/// Mentoring and coaching are about people by definition.
static MENTORS: LazyLock<Regex> = LazyLock::new(|| {
    // The past and -ing forms always; "mentor", "coach" and "mentorship" only with people
    // after them: "paired with a senior mentor" is being mentored, not mentoring.
    Regex::new(
        r"(?i)(?-u:\b)(?:mentored|mentoring|coached|coaching|precepted|precepting)(?-u:\b)|(?-u:\b)(?:mentors?|coach(?:es)?|mentorship to|mentorship for)\s+(?:a|an|the|my|our|two|three|four|five|six|seven|eight|nine|ten|several|\d+|junior|new|interns?|students?|engineers?|analysts?|scientists?|teams?|members|hires|staff|people|colleagues|peers|nurses|teachers|developers|researchers)(?-u:\b)",
    )
    .expect("mentoring pattern")
});

/// Cheap first look: a line without any of these stems cannot match the patterns above.
static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:led|lead|manag|supervis|direct|head|oversaw|oversee|built|grew|growing|scaled|formed|assembled|founded|stood|hired|recruit|onboard|trained|interviewed|mentor|coach|precept|team|people)")
        .expect("trigger pattern")
});

static NOT_PEOPLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:led to|leading to|lead to|mentored by|coached by|was mentored|were mentored|managed by|reporting to|reported to)(?-u:\b)")
        .expect("exclusion pattern")
});

/// Leading, managing or mentoring people.
pub fn shows_leadership(text: &str) -> bool {
    matches_without_exclusions(text, &LEADS_PEOPLE)
        || matches_without_exclusions(text, &SUPERVISES)
        || matches_without_exclusions(text, &MENTORS)
}

/// Leading or managing people, not only supervising, hiring or mentoring them: the evidence
/// of team leadership.
pub fn leads_people(text: &str) -> bool {
    matches_without_exclusions(text, &LEADS_PEOPLE)
}

fn matches_without_exclusions(text: &str, pattern: &Regex) -> bool {
    if !TRIGGER.is_match(text) || !pattern.is_match(text) {
        return false;
    }
    if NOT_PEOPLE.is_match(text) {
        // The line may still lead people elsewhere: test it with the exclusions removed.
        let stripped = NOT_PEOPLE.replace_all(text, " ");
        return pattern.is_match(&stripped);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{leads_people, shows_leadership};

    #[test]
    fn mentoring_is_leadership_but_not_leading_a_team() {
        assert!(shows_leadership("Mentored three junior engineers"));
        assert!(!leads_people("Mentored three junior engineers"));
        assert!(leads_people("Led a team of 5 ML engineers"));
        assert!(!shows_leadership("Paired with a senior mentor through the fellowship."));
        assert!(shows_leadership("I mentor two interns each summer"));
    }

    #[test]
    fn leading_people() {
        for line in [
            "- Led a team of 5 ML engineers",
            "Managed 4 data scientists and 2 analysts",
            "Mentored three junior engineers",
            "Grew the team from 3 to 12",
            "Hired and onboarded 6 engineers",
            "Tech lead for the ranking squad",
            "She supervised two interns",
            "Led the data platform team",
            "I lead a team of four analysts",
        ] {
            assert!(shows_leadership(line), "{line}");
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
        ] {
            assert!(!shows_leadership(line), "{line}");
        }
    }
}
