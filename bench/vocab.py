"""Word lists and sentence templates the vault generator draws from."""

FIRST = ("Anna", "Erik", "Maja", "Lars", "Ingrid", "Jonas", "Sofia", "Henrik", "Nadia", "Oskar",
         "Petra", "Noor", "Felix", "Lina", "Tomas", "Elin", "Amir", "Saga", "Karin", "Daniel",
         "Priya", "Camilla", "Viktor", "Ines", "Johan", "Beatrice", "Helena", "Marcus", "Leila",
         "Ronja", "Sam", "Oliver", "Sven", "Zoë", "Björn", "Åsa", "Chen", "Fatima", "Mateo",
         "Yuki", "Aisha", "Kofi", "Léa", "Ravi", "Olga", "Pedro", "Hana", "Tariq", "Greta",
         "Jamal", "Mei", "Nils", "Rosa", "Emil", "Sara", "Ahmed", "Klara", "Dmitri", "Wiebke",
         "Siobhan")
LAST = ("Lindqvist", "Sjöberg", "Okafor", "Haddad", "Aronsson", "Nyberg", "Brenner", "Wiik",
        "Lindahl", "Abadi", "Lund", "Eklund", "Qvist", "Lindgren", "Brandt", "Lind", "Sadeghi",
        "Berg", "Bergqvist", "Strand", "Whitfield", "Marchetti", "Berglund", "Nyström", "Raman",
        "Holm", "Voss", "Ekdahl", "Sandberg", "Thorsen", "Carvalho", "Fischer", "Novak",
        "Kowalski", "Tanaka", "Mensah", "García", "Dubois", "Müller", "Rossi", "Nakamura",
        "Singh", "Ivanova", "Jensen", "O'Brien", "Park", "Costa", "Virtanen", "Hansen",
        "Moreau", "Yilmaz", "Kim", "Andersen", "Petrov", "Silva", "Ahmadi", "Larsen", "Weber",
        "Dahl", "Forsberg")
COMPANY_A = ("Ashgrove", "Birchline", "Brightwater", "Cobaltline", "Copperleaf", "Corvid",
             "Ember", "Fernhill", "Gannet", "Greyhaven", "Halvard", "Hollowell", "Ironbark",
             "Kestrel", "Lumenfield", "Marrow", "Nordvik", "Oakridge", "Orrery", "Quietwater",
             "Quillpoint", "Ravenstone", "Saltmarsh", "Sprucebank", "Stellan", "Sundial",
             "Tessellate", "Tidewell", "Velomo", "Verdant", "Wrenfield", "Juniper", "Kittiwake",
             "Moss", "Alder", "Bramble", "Cinder", "Driftwood", "Falcon", "Glimmer", "Heron",
             "Inkwell", "Jasper", "Larch", "Meridian", "Northwind", "Osprey", "Pebble",
             "Rowan", "Silverfin")
COMPANY_B = ("Media", "Pharma", "Health", "Analytics", "Payments", "Foods", "Freight",
             "Security", "Advisory", "Haulage", "Labs", "Software", "Travel", "Risk",
             "Capital", "Studios", "Energy", "Grid", "Housing Trust", "Games", "Insurance",
             "Retail Group", "Bank", "Robotics", "Mobility", "Telecom", "Biotech", "Maps",
             "Learning", "Cloud", "Data", "Works", "Systems", "Partners", "Collective",
             "Outdoors", "Motors", "Books", "Kitchens", "Shipping")
ROLES = ("Data Analyst", "Senior Data Analyst", "Analytics Engineer", "BI Developer",
         "Product Analyst", "Data Engineer", "Reporting Analyst", "Business Analyst",
         "Marketing Analyst", "Data Scientist", "Junior Data Scientist", "Insights Analyst",
         "Analytics Consultant", "BI Consultant", "Growth Analyst", "Financial Analyst",
         "Operations Analyst", "Risk Analyst", "Pricing Analyst", "Customer Insights Analyst",
         "Data Platform Engineer", "Lead Data Analyst", "Analytics Manager",
         "Machine Learning Engineer", "Data Quality Analyst", "People Analytics Specialist",
         "Supply Chain Analyst", "Research Analyst", "Statistician", "Data Steward")
TEAMS = ("Payments", "Growth", "Platform", "Marketing", "Finance", "Operations", "Supply Chain",
         "Customer", "Risk", "Pricing", "Partnerships", "Retention", "Logistics", "Clinical",
         "Sales", "Product", "Research", "Compliance", "Security", "People")
SKILLS = ("SQL", "Python", "dbt", "Snowflake", "BigQuery", "Tableau", "Power BI", "Looker",
          "Excel", "statistics", "A/B testing", "data modeling", "Airflow", "Spark", "R",
          "stakeholder communication", "Git", "DAX", "Azure Data Factory", "AWS", "Kafka",
          "pandas", "machine learning", "experiment design", "forecasting", "Terraform",
          "data visualization", "healthcare data", "GxP", "storytelling", "Docker", "Databricks",
          "product analytics", "SQL performance tuning", "Metabase", "dimensional modeling",
          "causal inference", "Scala", "Go", "Redshift")
LOCATIONS = ("Stockholm (hybrid)", "Göteborg", "Malmö (hybrid)", "Uppsala (hybrid)", "Remote",
             "Remote (EU)", "Copenhagen", "Oslo (hybrid)", "Helsinki", "Berlin (hybrid)",
             "Amsterdam", "London (hybrid)", "Lund", "Västerås", "Linköping")
IMPROVE = ("behavioral-answers", "tailoring-resume", "domain-knowledge", "system-design",
           "sql-under-pressure", "salary-negotiation", "asking-questions", "take-home-scope",
           "follow-up-speed", "portfolio", "case-study-structure", "statistics-depth")
STRENGTH = ("sql", "storytelling", "stakeholder-communication", "take-home", "curiosity",
            "python", "dashboards", "structured-thinking", "rapport", "documentation")
INDUSTRY_TAGS = ("fintech", "healthcare", "media", "pharma", "retail", "logistics", "energy",
                 "public-sector", "gaming", "analytics-engineering", "consulting", "startup")
CHANNEL_WEIGHTS = (("job-board", 40), ("networking", 20), ("referral", 10),
                   ("direct-outreach", 15), ("recruiter", 12), ("other", 3))
STATUS_WEIGHTS = (("wishlist", 5), ("applied", 14), ("screening", 7), ("interviewing", 8),
                  ("offer", 2), ("accepted", 1), ("declined", 1), ("rejected", 40),
                  ("withdrawn", 5), ("ghosted", 17))
PERSON_ROLES = ("recruiter", "hiring-manager", "interviewer", "referrer", "peer", "mentor")

INTROS = (
    "{company} builds products used by millions of people every week, and our data team "
    "turns what happens in them into decisions.",
    "At {company} the analytics group sits between product, finance and operations; we are "
    "growing the team this year.",
    "{company} is a profitable, employee-owned company of about {size} people. Our data "
    "function is small, senior and close to the business.",
    "Join {company}'s new data team and help us move from spreadsheets to a modern, "
    "well-documented analytics stack.",
)
DUTIES = (
    "Own the analysis of {area} from question to recommendation",
    "Build and maintain reports in {skill} for managers and the leadership team",
    "Model data in {skill} so analysts can answer questions without asking us",
    "Help the product team decide what to build next, with numbers",
    "Write clear, short memos that lead to a decision",
    "Work with data engineers on the quality of {area} data",
    "Automate recurring reports and retire the ones nobody reads",
    "Help junior analysts grow and read their queries with care",
    "Share findings with people outside the data team every month",
    "Agree on metric definitions with their business owners",
)
NEEDS = (
    "{years}+ years in analytics or a similar role",
    "Excellent {skill} and a habit of checking your numbers",
    "Experience with {skill} or a strong wish to learn it fast",
    "Calm when explaining results to senior leaders",
    "A structured way of working",
    "Care for the details of {skill}",
    "Curiosity about {area} and the people who work in it",
)
NICE = ("Experience with {skill}", "A certification in {skill}",
        "Domain knowledge of {area}", "Time spent helping newer colleagues",
        "A public portfolio of your work")
TEAM_TEXT = (
    "About the team: six analysts and two analytics engineers, reporting to the CFO. We work "
    "in two-week cycles, write everything down, and keep meetings short. Salary range and "
    "hybrid policy are in the posting; the process is a screen, a case and a final round.",
    "What we offer: a budget for courses and conferences, four weeks of focus time a year, "
    "and a team that reads each other's work kindly. We answer every applicant within two "
    "weeks, and we are happy to give feedback after an interview.",
    "How we work: the data team owns {skill} and the warehouse, and every analysis starts "
    "with a question from a named person in the business. You will spend your first month "
    "shadowing each part of the business, starting with {area}.",
)
AREAS = ("patient flow", "customer churn", "price changes", "the sales funnel", "delivery times",
         "subscription revenue", "marketing spend", "fraud signals", "warehouse capacity",
         "player retention", "energy demand", "claims handling")
NOTE_LINES = (
    "Applied through {channel}. Tailored the first bullet of the resume to {area}.",
    "Short call to clarify the scope; they mainly need someone for {area}.",
    "Read their last two engineering blog posts before the call.",
    "Sent a thank-you email within a day.",
    "Asked about team size, on-call and how analyses reach decisions.",
    "Updated the STAR note after this conversation.",
    "Followed up politely after a week of silence.",
)
PM_MATCH = ("Around {pct} %. {skill} and {skill2}: yes. {area}: only a little. ",
            "Maybe {pct} %. The posting leaned on {skill}, which I know at user level. ")
PM_TEXT = {
    "Resume and cover letter": "The resume got me through. The cover letter was generic; "
                               "I could have named their {area} problem directly.",
    "Screening": "Good conversation, forty minutes. The recruiter asked about salary early "
                 "and I gave a range without preparing it.",
    "Interviews": "Round one went well: I framed the case around one decision and kept it to "
                  "five slides. In the last round two behavioral questions found gaps in my "
                  "prepared stories.",
    "Follow-up": "Thank-you notes went out on time. The feedback request was short, with two "
                 "specific questions.",
}
WENT_WELL = ("The take-home presentation.", "Asking sharp questions about their data.",
             "Preparing with the company's public reports.", "Staying calm in the live SQL task.",
             "Clear structure in the case interview.")
TO_IMPROVE = ("Stories for senior roles: leading, mentoring, bad news upward.",
              "Learn the vocabulary of a domain before interviewing in it.",
              "Prepare a salary range with evidence before the first call.",
              "Practise SQL window functions under time pressure.",
              "Keep the take-home to the time they ask for.")
ACTIONS = ("Rehearse three STAR stories out loud, recorded",
           "Write a one-page primer on {area}",
           "Do two timed SQL exercises a week for a month",
           "Ask a mentor for a mock interview",
           "Tailor the resume summary to each posting",
           "Send feedback requests within 48 hours, drafted during the cooling-off")
NEXT_ACTIONS = ("Follow up by email", "Prepare the case study", "Send the application",
                "Ask for a timeline")
VIA = ("the job board", "a referral", "email")
UNRELATED_FOLDERS = ("Journal", "Reading", "Projects", "Zettelkasten", "Meetings", "Recipes",
                     "Travel", "Areas/Health", "Areas/Finance", "Archive/2025")
LOREM = ("Spent the morning on the allotment, then an hour reading about distributed systems.",
         "The idea connects to what I wrote last week about habits and small wins.",
         "Key point: a system you can explain to a friend is a system you can maintain.",
         "Remember to check the library's opening hours before Saturday.",
         "A good question is worth more than a quick answer; write the question down first.",
         "Three things went well today, one did not, and that is fine.")
