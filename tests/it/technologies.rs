//! The technology tier (taxonomy/technologies.toml): generated from O*NET by a committed
//! script, loaded after the core skills, reported with `tier = "technology"`, never required
//! by a role; the tools real resumes name are found and ordinary words are not.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::LazyLock;

use common::{fixture, json_report, root};
use gap_check::calendar::Date;
use gap_check::ingest::from_text;
use gap_check::report::Tier as ReportTier;
use gap_check::taxonomy::{Taxonomy, TaxonomyFiles, Tier};
use gap_check::{AnalysisOptions, Engine, Target};

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(Taxonomy::embedded().expect("embedded taxonomy")));

fn taxonomy_file(name: &str) -> String {
    std::fs::read_to_string(root().join("taxonomy").join(name)).expect("taxonomy file")
}

/// Skill ids found in a resume made of `text`, with their tier.
fn found(text: &str) -> Vec<(String, Tier)> {
    let doc = from_text(Path::new("t.txt"), text, &common::engine().taxonomy().vocabulary).expect("text reads");
    let options = AnalysisOptions {
        target: Target::BestFit,
        as_of: Some("2026-11-01".parse::<Date>().expect("date")),
        keep_non_resumes: true,
    };
    let tier = |t| if t == ReportTier::Core { Tier::Core } else { Tier::Technology };
    ENGINE.analyze(&doc, &options).skills.into_iter().map(|s| (s.id, tier(s.tier))).collect()
}

fn ids(text: &str) -> BTreeSet<String> {
    found(text).into_iter().map(|(id, _)| id).collect()
}

#[test]
fn the_committed_file_is_what_the_generator_writes() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("technologies.generated.toml");
    let status = std::process::Command::new("python3")
        .arg(root().join("scripts/build_technologies.py"))
        .arg("--out")
        .arg(&out)
        .status()
        .expect("python3 runs (the generator needs Python 3.11+ and ../shared/data/onet)");
    assert!(status.success(), "scripts/build_technologies.py failed");
    let generated = std::fs::read_to_string(&out).expect("generated file");
    let committed = taxonomy_file("technologies.toml");
    if generated != committed {
        let line = generated.lines().zip(committed.lines()).position(|(a, b)| a != b).map_or(0, |i| i + 1);
        panic!(
            "taxonomy/technologies.toml differs from the generator's output (first at line {line}): \
             run `python3 scripts/build_technologies.py` and commit the result"
        );
    }
}

#[test]
fn the_file_credits_onet() {
    let text = taxonomy_file("technologies.toml");
    let header: String = text.lines().take(10).collect::<Vec<_>>().join("\n");
    for needle in ["O*NET 29.2 Database", "USDOL/ETA", "CC BY 4.0", "modified"] {
        assert!(header.contains(needle), "header lacks {needle:?}:\n{header}");
    }
}

#[test]
fn the_core_tier_is_exactly_the_labelled_vocabulary() {
    let taxonomy = Taxonomy::embedded().unwrap();
    let vocabulary = std::fs::read_to_string(root().join("../shared/corpus/vocabulary.txt")).expect("vocabulary.txt");
    let labelled: BTreeSet<&str> =
        vocabulary.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let core: BTreeSet<&str> = taxonomy.skills.iter().filter(|s| s.tier == Tier::Core).map(|s| s.id.as_str()).collect();
    assert_eq!(core, labelled, "the core tier is the 117 ids the labels were written against");
    let technologies = taxonomy.skills.iter().filter(|s| s.tier == Tier::Technology).count();
    assert!((200..=500).contains(&technologies), "{technologies} technologies: a few hundred, not all of O*NET");
    // Technologies come after every core skill, so core skill positions do not move.
    let first_technology = taxonomy.skills.iter().position(|s| s.tier == Tier::Technology).unwrap();
    assert!(taxonomy.skills[first_technology..].iter().all(|s| s.tier == Tier::Technology));
    for role in &taxonomy.roles {
        for req in &role.requirements {
            for id in &req.any_of {
                assert_eq!(taxonomy.skill(id).map(|s| s.tier), Some(Tier::Core), "{} {}", role.id, req.id);
            }
        }
    }
}

/// Lines written the way the real resumes of ../shared/corpus/ write them.
const NAMED: &[(&str, &[&str])] = &[
    ("Skills\nOperating Systems: Linux, Unix, Windows\n", &["linux", "unix", "windows"]),
    ("Experience\n- Automated nightly loads with Unix shell scripting and Bash on RHEL servers.\n", &["shell-scripting", "linux"]),
    ("Experience\n- Tracked the monthly figures in MS Excel (pivot tables, VLOOKUP) and presented them in PowerPoint.\n", &["excel", "powerpoint"]),
    ("Skills\nDatabases: MS SQL Server 2016, Oracle 11g, Teradata\n", &["sql-server", "oracle-database", "teradata"]),
    ("Skills\nRDBMS: Netezza, Oracle (PL/SQL, tuning)\n", &["netezza", "oracle-database", "sql"]),
    ("Experience\n- Built SSIS packages for the data mart and SSRS reports for finance.\n", &["ssis", "ssrs"]),
    ("Skills\nHadoop ecosystem: HDFS, MapReduce, Hive, Sqoop, Pig, Oozie, Flume, Impala\n", &["hadoop", "hive", "sqoop", "pig", "oozie", "flume", "impala"]),
    ("Experience\n- Moved nightly extracts from the billing database into Hive with Sqoop.\n", &["hive", "sqoop"]),
    ("Skills\nReporting tools: Business Objects, Cognos, OBIEE, QlikView, Crystal Reports\n", &["business-objects", "cognos", "obiee", "qlik", "crystal-reports"]),
    ("Experience\n- Manual and automation testing with Selenium WebDriver and JMeter; wrote test cases.\n", &["software-testing", "selenium", "jmeter"]),
    ("Experience\n- Maintained the claims portal (ASP.Net MVC, C#.Net, SQL Server 2012).\n", &["asp-net", "dotnet", "csharp", "sql-server"]),
    ("Skills\nWeb: HTML5, CSS3, TypeScript, React, Angular\n", &["html", "css", "typescript", "react", "angular"]),
    ("Experience\n- Exposed REST APIs with Django, Flask and Spring Boot.\n", &["rest-api", "django", "flask", "spring"]),
    ("Experience\n- Configuration management with Ansible; session caching with Redis.\n", &["ansible", "redis"]),
    ("Experience\n- Rewrote the revenue marts as dbt models with tests.\n", &["dbt"]),
    ("Experience\n- Churn models with XGBoost and LightGBM, explained with SHAP.\n", &["xgboost", "lightgbm"]),
    ("Experience\n- Trained a ticket classifier on Hugging Face Transformers in PyTorch.\n", &["hugging-face", "pytorch"]),
    ("Experience\n- Built a RAG pipeline over support tickets with LangChain and an open LLM.\n", &["rag", "langchain", "llm"]),
    ("Skills\nLanguages: Python, C++, CUDA, Rust, Julia\n", &["rust", "julia", "cuda"]),
    ("Skills\nJava, Spring, Hibernate, Maven, JUnit, Jenkins\n", &["spring", "hibernate", "maven", "junit"]),
    ("Skills\nMicrosoft Office (Word, Excel, PowerPoint, Outlook)\n", &["ms-office", "word", "excel", "powerpoint", "outlook"]),
];

#[test]
fn the_tools_real_resumes_name_are_found() {
    let mut problems = Vec::new();
    for (text, expected) in NAMED {
        let got = ids(text);
        for id in *expected {
            if !got.contains(*id) {
                problems.push(format!("{id} not found in {text:?}: {got:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn first_tier_products_keep_their_first_tier_id() {
    // Looker and "Apache Hive" are first-tier aliases (data visualization, Hadoop); "LLMs" is
    // NLP. The technology tier reports Hive beside Hadoop but never takes their ids.
    let got = found("Experience\n- Dashboards in Looker; Apache Hive jobs; probing multilingual LLMs.\n");
    let tier = |id: &str| got.iter().find(|(s, _)| s == id).map(|(_, t)| *t);
    assert_eq!(tier("data-visualization"), Some(Tier::Core));
    assert_eq!(tier("hadoop"), Some(Tier::Core));
    assert_eq!(tier("nlp"), Some(Tier::Core));
    assert_eq!(tier("hive"), Some(Tier::Technology));
    assert_eq!(tier("looker"), None);
}

#[test]
fn a_product_shows_the_core_skill_it_is_a_product_of() {
    let got = found(
        "Experience\n- Built the booking front end in AngularJS and jQuery.\n\
         - Forecast demand with statsmodels; tagged entities with spaCy.\n\
         - Counted shelf gaps with YOLOv5 on store photos; served it on App Engine.\n",
    );
    let tier = |id: &str| got.iter().find(|(s, _)| s == id).map(|(_, t)| *t);
    for (product, skill) in [
        ("angular", "javascript"),
        ("statsmodels", "statistics"),
        ("spacy", "nlp"),
        ("yolo", "computer-vision"),
        ("google-app-engine", "google-cloud"),
    ] {
        assert_eq!(tier(product), Some(Tier::Technology), "{product} in {got:?}");
        assert_eq!(tier(skill), Some(Tier::Core), "{skill} from {product} in {got:?}");
    }
    // React named as a verb shows neither React nor JavaScript.
    let got = ids("Experience\n- A marketing lead who can react quickly to the weekly numbers.\n");
    assert!(!got.contains("react") && !got.contains("javascript"), "{got:?}");
}

/// Ordinary words that are also product names, in sentences that use them as words.
const ORDINARY: &[(&str, &[&str])] = &[
    ("Summary\nExcel at building trust with clients; go the extra mile.\n", &["excel", "go"]),
    ("Experience\n- Shipped the prototypes in a Box; Word processing for the legal team.\n", &["word"]),
    ("Experience\n- Gave Access to the building and Teams of five engineers a new floor; Slack in the plan was used up.\n", &["ms-access", "ms-teams", "slack"]),
    ("Experience\n- Spring 2019: led Rust removal on the old bridge for the county.\n", &["spring", "rust"]),
    ("Experience\n- Make the case to the board; Chef de partie at a bistro; Puppet theatre volunteer.\n", &["make", "chef", "puppet"]),
    ("Interests\nAnt colony studies, a pig farm and a hive of activity every weekend.\n", &["ant", "pig", "hive"]),
    ("Experience\n- Joined Oracle in 2015 as a sales consultant for the public sector.\n", &["oracle-database"]),
    ("Experience\n- Analyst at Shell; won the Shell innovation award for the refinery project.\n", &["shell-scripting"]),
    ("Experience\n- Grew the sales force to 40 reps; a long work day at the data stage of the audit, in design reviews.\n", &["salesforce", "workday", "datastage", "indesign"]),
    ("Experience\n- At the helm of the team, a marketing maven who can react quickly; windows of opportunity.\n", &["helm", "maven", "react", "windows"]),
    ("Experience\n- Ran the spring and holiday campaigns; an unsung Prophet of the brand; rested on weekends.\n", &["spring", "prophet", "rest-api"]),
    ("Experience\n- Stress testing of the loan portfolios; fast load times for the branch app.\n", &["software-testing", "teradata"]),
    ("Experience\n- Worked as SQL Developer at a retail bank, then as Barista at Caffe Nero.\n", &["oracle-sql-developer", "caffe"]),
    ("Experience\n- Laid parquet floors; covered an open shift; cooked a beautiful soup; a business objects layer.\n", &["parquet", "openshift", "web-scraping", "business-objects"]),
];

#[test]
fn ordinary_words_are_not_tools() {
    let mut problems = Vec::new();
    for (text, absent) in ORDINARY {
        let got = ids(text);
        for id in *absent {
            if got.contains(*id) {
                problems.push(format!("{id} found in {text:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_chef_resume_is_not_a_devops_resume() {
    let (report, _) = json_report(&fixture("eval/executive-chef.md"), &[]);
    let got = common::skill_ids(&report);
    assert!(!got.iter().any(|id| id == "chef"), "{got:?}");
}

#[test]
fn the_json_report_marks_each_skill_with_its_tier() {
    let (report, output) = json_report(&fixture("resumes/traps.txt"), &["--target", "data-science-engineer"]);
    assert!(output.status.success());
    let skills = report["skills"].as_array().expect("skills");
    let tier_of =
        |id: &str| skills.iter().find(|s| s["id"] == id).map(|s| s["tier"].as_str().unwrap_or("").to_string());
    assert_eq!(tier_of("javascript").as_deref(), Some("core"));
    // The TOOLS line: "Microsoft Office (advanced Excel: pivot tables, VLOOKUP; PowerPoint;
    // Word), Google Analytics, HubSpot, Salesforce, Canva, basic HTML/CSS and JavaScript".
    for id in [
        "ms-office",
        "excel",
        "powerpoint",
        "word",
        "google-analytics",
        "hubspot",
        "salesforce",
        "canva",
        "html",
        "css",
    ] {
        assert_eq!(tier_of(id).as_deref(), Some("technology"), "{id}");
    }
    // Technologies are never requirements: matched and missing name core skills only.
    let taxonomy = Taxonomy::embedded().unwrap();
    for outcome in report["matched"].as_array().unwrap().iter().chain(report["missing"].as_array().unwrap()) {
        for id in outcome["any_of"].as_array().into_iter().flatten().filter_map(|v| v.as_str()) {
            assert_eq!(taxonomy.skill(id).map(|s| s.tier), Some(Tier::Core), "{id}");
        }
    }
}

fn load(skills: &str, technologies: Option<&str>, roles: &str) -> Result<Taxonomy, String> {
    let sources = taxonomy_file("sources.toml");
    Taxonomy::from_files(TaxonomyFiles { skills, technologies, roles, sources: &sources, ..TaxonomyFiles::EMBEDDED })
        .map_err(|e| e.to_string())
}

const EXTRA: &str = "\n[[skill]]\nid = \"widgetdb\"\nname = \"WidgetDB\"\ncategory = \"databases\"\n";

#[test]
fn validation_keeps_the_tiers_apart() {
    let (skills, tech, roles) =
        (taxonomy_file("skills.toml"), taxonomy_file("technologies.toml"), taxonomy_file("roles.toml"));
    // A requirement may not name a technology.
    let err = load(&skills, Some(&tech), &roles.replacen("\"pytorch\"", "\"xgboost\"", 1)).unwrap_err();
    assert!(err.contains("roles.toml") && err.contains("'xgboost'") && err.contains("technologies.toml"), "{err}");
    // A technology may not claim a first-tier alias.
    let err = load(&skills, Some(&format!("{tech}{EXTRA}aliases = [\"sklearn\"]\n")), &roles).unwrap_err();
    assert!(err.contains("technologies.toml") && err.contains("'sklearn'") && err.contains("scikit-learn"), "{err}");
    // Nor a first-tier id.
    let err = load(
        &skills,
        Some(&format!("{tech}{EXTRA}aliases = [\"WidgetDB\"]\n").replace("\"widgetdb\"", "\"python\"")),
        &roles,
    )
    .unwrap_err();
    assert!(err.contains("technologies.toml") && err.contains("'python' is defined twice"), "{err}");
    // A product may imply the first-tier skill it is a product of (AngularJS shows JavaScript)…
    let t = load(&skills, Some(&format!("{tech}{EXTRA}aliases = [\"WidgetDB\"]\nimplies = [\"sql\"]\n")), &roles)
        .expect("a technology implying a core skill loads");
    assert_eq!(t.skill("widgetdb").map(|s| s.implies.clone()), Some(vec!["sql".to_string()]));
    // …but a first-tier skill may not imply a technology, which it does not name.
    let err = load(&skills.replacen("implies = []", "implies = [\"xgboost\"]", 1), Some(&tech), &roles).unwrap_err();
    assert!(err.contains("skills.toml") && err.contains("implies 'xgboost'"), "{err}");
    // Nor redefine a first-tier category.
    let err =
        load(&skills, Some(&tech.replacen("[categories]\n", "[categories]\n\"cloud\" = \"Clouds\"\n", 1)), &roles)
            .unwrap_err();
    assert!(err.contains("technologies.toml") && err.contains("category 'cloud'"), "{err}");
    // A tier field in the file is not accepted: the tier comes from the file.
    let err =
        load(&skills, Some(&format!("{tech}{EXTRA}aliases = [\"WidgetDB\"]\ntier = \"core\"\n")), &roles).unwrap_err();
    assert!(err.contains("technologies.toml") && err.contains("tier"), "{err}");
    // And the well-formed addition loads as a technology.
    let t = load(&skills, Some(&format!("{tech}{EXTRA}aliases = [\"WidgetDB\"]\n")), &roles).expect("loads");
    assert_eq!(t.skill("widgetdb").map(|s| s.tier), Some(Tier::Technology));
}

#[test]
fn a_taxonomy_directory_may_leave_the_technology_tier_out() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("taxonomy-without-technologies");
    std::fs::create_dir_all(&dir).unwrap();
    let _ = std::fs::remove_file(dir.join("technologies.toml"));
    for name in ["skills.toml", "roles.toml", "sources.toml"] {
        std::fs::write(dir.join(name), taxonomy_file(name)).unwrap();
    }
    let t = Taxonomy::load_dir(&dir).expect("core-only directory loads");
    assert!(t.skills.iter().all(|s| s.tier == Tier::Core) && t.skill("python").is_some());
    std::fs::write(dir.join("technologies.toml"), "[[skill]]\nid = \"Bad Id\"\n").unwrap();
    let err = Taxonomy::load_dir(&dir).unwrap_err().to_string();
    assert!(err.contains("technologies.toml"), "{err}");
    std::fs::write(dir.join("technologies.toml"), taxonomy_file("technologies.toml")).unwrap();
    let t = Taxonomy::load_dir(&dir).expect("directory with the tier loads");
    assert_eq!(t.skill("teradata").map(|s| s.tier), Some(Tier::Technology));
    // The command line loads the same directory.
    let (report, output) = json_report(&fixture("resumes/traps.txt"), &["--taxonomy", dir.to_str().unwrap()]);
    assert!(output.status.success());
    assert!(common::skill_ids(&report).contains(&"excel".to_string()));
}
