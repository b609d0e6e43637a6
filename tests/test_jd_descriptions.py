"""Skills found in realistic job descriptions across fields: each posting with the skills it
asks for, required and nice to have."""

from __future__ import annotations

import textwrap

import pytest

from jobnotes.jd.extract import extract_skills
from jobnotes.jd.vocabulary import base_vocabulary


def split(text: str) -> tuple[set[str], set[str]]:
    """(required names, optional names) found in ``text``."""
    found = extract_skills(textwrap.dedent(text), base_vocabulary())
    return ({f.name for f in found if f.required}, {f.name for f in found if f.optional})


# --- realistic descriptions, each with its expected skills --------------------------------

DESCRIPTIONS = {
    "software-backend": (
        """
        Northwind Cloud is hiring a Backend Engineer to build our billing platform.

        What you'll do:
        - Design and build services in Go and Python
        - Run them on Kubernetes (k8s) in AWS, with Terraform for infrastructure
        - Own CI/CD pipelines in GitHub Actions
        - Be the go-to person for PostgreSQL performance

        Requirements:
        - 4+ years of backend development
        - Strong SQL; experience with postgres and Redis
        - Comfortable with Docker and Linux

        Nice to have:
        - Kafka
        - gRPC or GraphQL
        - Rust
        """,
        {"Go", "Python", "Kubernetes", "AWS", "Terraform", "CI/CD", "GitHub Actions",
         "PostgreSQL", "SQL", "Redis", "Docker", "Linux"},
        {"Apache Kafka", "gRPC", "GraphQL", "Rust"},
    ),
    "software-frontend": (
        """
        We're looking for a Senior Frontend Developer (React/TypeScript) to join our product
        team.

        ### You have
        - Expert JavaScript (ES6+) and TypeScript
        - React, Redux and Next.js
        - Node.js for tooling and BFF services
        - HTML, CSS and Sass
        - Experience writing tests with Jest and Cypress
        - A feel for accessibility (WCAG 2.1)

        ### Bonus points
        - Vue.js or Svelte
        - Figma
        - Experience with .NET or C# back ends
        """,
        {"JavaScript", "TypeScript", "React", "Redux", "Next.js", "Node.js", "HTML", "CSS",
         "Sass", "Jest", "Cypress", "Web accessibility"},
        {"Vue.js", "Svelte", "Figma", ".NET", "C#"},
    ),
    "software-embedded": (
        """
        Embedded Software Engineer, Medical Devices

        You will report to our C-level leadership team and work closely with R&D.

        - Write firmware in C and C++ for ARM microcontrollers
        - Build test tooling in Python
        - Work with Linux, Git and Jenkins
        - MATLAB or R for signal analysis is a plus

        Let's go build something that matters.
        """,
        {"Embedded systems", "C", "C++", "Python", "Linux", "Git", "Jenkins"},
        {"MATLAB", "R"},
    ),
    "software-sre": (
        """
        Site Reliability Engineer

        Our platform runs ASP.NET Core services written in C# on Azure, with some legacy
        VB.NET.

        ### Requirements
        - Infrastructure as code with Terraform or Bicep
        - Kubernetes (AKS), Helm and Azure DevOps pipelines
        - Observability: Prometheus, Grafana, OpenTelemetry
        - Scripting in PowerShell or Bash

        ### Nice-to-haves
        - SRE experience with SLOs and incident response
        - Go, Python, or Rust for tooling
        """,
        {"Site reliability engineering", "ASP.NET", "C#", "Azure", "Infrastructure as code",
         "Terraform", "Kubernetes", "Helm", "Azure DevOps", "Observability", "Prometheus",
         "Grafana", "OpenTelemetry", "PowerShell", "Bash"},
        {"Go", "Python", "Rust"},
    ),
    "data-analyst": (
        """
        Data Analyst, Retail Insights

        You'll excel in this role if you love turning messy data into decisions. Our last
        analyst was Excel-lent, but we are moving beyond spreadsheets.

        Requirements
        - Advanced SQL (we use BigQuery) and MS Excel (pivot tables, VLOOKUP)
        - Python or R for analysis, e.g. pandas
        - Dashboards in Tableau or Power BI
        - A/B testing and basic statistics

        Preferred
        - dbt
        - Looker / LookML
        - Experience with Google Analytics
        """,
        {"SQL", "BigQuery", "Excel", "Pivot tables", "VLOOKUP", "Python", "R", "pandas",
         "Dashboards", "Tableau", "Power BI", "A/B testing", "Statistics"},
        {"dbt", "Looker", "Google Analytics"},
    ),
    "data-ml": (
        """
        Machine Learning Engineer

        Join our ML platform team. You will train and ship models with PyTorch and
        scikit-learn, build feature pipelines on Spark and Databricks, and serve LLMs
        behind FastAPI.

        Must have: Python, SQL, Docker, MLOps experience (MLflow or similar).
        Nice to have: Kubernetes, AWS SageMaker, experience with NLP.
        """,
        {"Machine learning", "PyTorch", "scikit-learn", "Apache Spark", "Databricks", "LLMs",
         "FastAPI", "Python", "SQL", "Docker", "MLOps", "MLflow"},
        {"Kubernetes", "Amazon SageMaker", "Natural language processing"},
    ),
    "design": (
        """
        Product Designer (UX/UI)

        About you
        - 3+ years in product design, with a portfolio showing UX research, wireframing
          and prototyping
        - Fluent in Figma; comfortable with FigJam and Miro for workshops
        - You run usability testing and turn findings into design systems work
        - You know WCAG and design for accessibility

        It's a plus if you have:
        - Motion design skills (After Effects)
        - Basic HTML and CSS
        - Illustrator or Photoshop
        """,
        {"UX design", "UI design", "Product design", "UX research", "Wireframing",
         "Prototyping", "Figma", "Miro", "Usability testing", "Design systems",
         "Web accessibility"},
        {"Motion design", "Adobe After Effects", "HTML", "CSS", "Adobe Illustrator",
         "Adobe Photoshop"},
    ),
    "marketing": (
        """
        Growth Marketing Manager

        You will own paid acquisition and lifecycle marketing for our B2B SaaS product.

        - Plan and run campaigns on Google Ads, LinkedIn Ads and Meta Ads
        - Own SEO and content strategy with our writers
        - Build email marketing journeys in HubSpot
        - Report on funnel performance with Google Analytics (GA4) and Looker Studio
        - Run A/B tests on landing pages (CRO)

        Bonus: experience with Salesforce, Marketo or Semrush.
        """,
        {"Growth marketing", "Email marketing", "Google Ads", "LinkedIn Ads", "Meta Ads",
         "SEO", "Content strategy", "HubSpot", "Google Analytics", "Looker Studio",
         "A/B testing", "Conversion rate optimization"},
        {"Salesforce", "Marketo", "Semrush"},
    ),
    "sales": (
        """
        Account Executive, Mid-Market

        What you'll do
        - Own the full sales cycle from prospecting to close
        - Build pipeline through cold calling and LinkedIn Sales Navigator
        - Run product demos and negotiate contracts
        - Keep Salesforce up to date and forecast accurately

        What we're looking for
        - 3+ years of SaaS sales experience with a track record of quota attainment
        - Experience with MEDDIC or a similar qualification framework
        - Excellent negotiation skills

        Preferred: experience selling to healthcare or finance teams.
        """,
        {"Prospecting", "Cold calling", "LinkedIn Sales Navigator", "Sales presentations",
         "Salesforce", "SaaS sales", "Quota attainment", "MEDDIC", "Negotiation"},
        set(),
    ),
    "customer-success": (
        """
        Customer Success Manager

        You'll own a book of 40 enterprise accounts, drive adoption and renewals, and be
        the voice of the customer internally.

        Requirements:
        - 3+ years in customer success or account management in B2B SaaS
        - Experience with Gainsight or Zendesk, and Salesforce
        - Strong presentation skills and stakeholder management
        - Upselling and churn reduction experience

        It would be great if you also speak German.
        """,
        {"Customer success", "Account management", "Gainsight", "Zendesk", "Salesforce",
         "Public speaking", "Stakeholder management", "Upselling", "Customer retention"},
        set(),
    ),
    "operations": (
        """
        Operations Manager, Fulfilment Centre

        Requirements:
        - 5+ years in warehouse management or logistics
        - Lean Six Sigma Green Belt; a continuous improvement mindset
        - Strong Excel and experience with SAP or NetSuite
        - Proven people management of teams of 20+
        - Knowledge of health and safety (OSHA) regulations

        Desirable:
        - Demand planning or S&OP experience
        - Project management certification (PMP or PRINCE2)
        """,
        {"Warehouse management", "Logistics", "Six Sigma", "Kaizen", "Excel", "SAP",
         "Oracle NetSuite", "People management", "Health and safety", "OSHA"},
        {"Demand planning", "S&OP", "Project management", "PMP", "PRINCE2"},
    ),
    "finance": (
        """
        Financial Analyst (FP&A)

        Reporting to the Head of Finance, you will own the monthly forecast and budgeting
        cycle.

        You have:
        - 3+ years in FP&A or corporate finance
        - Advanced Excel: financial modeling, pivot tables, INDEX MATCH
        - Variance analysis and month-end close experience
        - Knowledge of IFRS (US GAAP a bonus)
        - Experience with NetSuite; Anaplan is a plus

        Nice to have: CPA or CFA (in progress is fine), SQL, Power BI.
        """,
        {"FP&A", "Budgeting", "Excel", "Financial modeling", "Pivot tables", "VLOOKUP",
         "Variance analysis", "Month-end close", "IFRS", "Oracle NetSuite"},
        {"GAAP", "Anaplan", "CPA", "CFA", "SQL", "Power BI"},
    ),
    "healthcare": (
        """
        Medical Billing Specialist

        Our multi-site clinic group is looking for a billing specialist to join the
        revenue cycle team.

        Responsibilities
        - Submit and follow up on insurance claims to Medicare, Medicaid and commercial
          payers
        - Handle denial management and appeals
        - Verify insurance eligibility and obtain prior authorization
        - Code visits with ICD-10 and CPT codes

        Requirements
        - 2+ years of medical billing experience
        - Working knowledge of HIPAA and medical terminology
        - Experience with Epic or athenahealth
        - CPC certification preferred
        """,
        {"Medical billing", "Revenue cycle management", "Claims processing", "Medicare",
         "Medicaid", "Denial management", "Prior authorization", "ICD-10", "CPT", "HIPAA",
         "Medical terminology", "Epic", "athenahealth"},
        {"CPC"},
    ),
    "education-teacher": (
        """
        Year 5 Teacher (maternity cover)

        We are looking for an enthusiastic teacher with excellent classroom management and
        a passion for differentiated instruction.

        The successful candidate will:
        - Plan engaging lessons (lesson planning across the Common Core curriculum)
        - Use formative assessment to track progress
        - Work with our SENCO on IEPs for pupils with special educational needs
        - Use Google Classroom and Seesaw with families

        Desirable
        - Experience teaching ESL learners
        - Forest School or STEM club leadership
        """,
        {"Classroom management", "Differentiated instruction", "Lesson planning",
         "Common Core", "Formative assessment", "IEP", "Special education",
         "Google Classroom"},
        {"Teaching", "ESL", "STEM education"},
    ),
    "education-instructional-design": (
        """
        Instructional Designer, Learning & Development

        - Design blended learning programmes using the ADDIE model
        - Build e-learning modules in Articulate Storyline and Rise 360, published as SCORM
          packages to our LMS (Moodle)
        - Run training needs analysis with managers
        - Evaluate impact with the Kirkpatrick model

        Ideally you also have video editing skills (Camtasia) and some graphic design.
        """,
        {"Instructional design", "Learning and development", "Blended learning", "ADDIE",
         "E-learning", "Articulate Storyline", "SCORM", "LMS", "Moodle",
         "Training needs analysis", "Kirkpatrick model"},
        {"Video editing", "Camtasia", "Graphic design"},
    ),
    "no-known-skill": (
        """
        We are a small bakery looking for a friendly morning team member. Early starts,
        good coffee, and a team that looks after each other. Apply with a short note about
        yourself.
        """,
        set(),
        set(),
    ),
}


@pytest.mark.parametrize("case", sorted(DESCRIPTIONS))
def test_realistic_descriptions(case):
    text, required, optional = DESCRIPTIONS[case]
    assert split(text) == (required, optional)


def test_descriptions_cover_the_fields():
    vocab = base_vocabulary()
    fields = set()
    for text, _, _ in DESCRIPTIONS.values():
        fields |= {f.field for f in extract_skills(textwrap.dedent(text), vocab)}
    assert {"software", "data", "design", "marketing", "sales", "operations", "finance",
            "healthcare", "education"} <= fields


def test_a_very_long_description_is_read_whole():
    """Its speed (linear in the length) is measured by bench/vocab.py, not asserted here."""
    one = textwrap.dedent(DESCRIPTIONS["data-analyst"][0])
    text = one * 500            # about 300 KB
    found = extract_skills(text, base_vocabulary())
    assert {f.name for f in found} == set().union(*split(one))
    assert next(f for f in found if f.name == "SQL").mentions == 500
