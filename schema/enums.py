"""Closed vocabularies of the dataset: every value carries its written definition."""

from __future__ import annotations

from enum import Enum


class DocumentedEnum(str, Enum):
    """A string enum whose members carry a one-sentence definition.

    Members are declared as ``NAME = "value", "definition"``; the definition feeds the JSON
    Schema, the card's vocabulary tables and the annotation guidelines' checks.
    """

    definition: str

    def __new__(cls, value: str, definition: str) -> "DocumentedEnum":
        member = str.__new__(cls, value)
        member._value_ = value
        member.definition = definition
        return member

    def __str__(self) -> str:
        return self.value

    @classmethod
    def values(cls) -> list[str]:
        return [member.value for member in cls]


class Language(DocumentedEnum):
    """BCP-47 tag of the language an article is written in."""

    ES = "es", "Spanish."
    EN = "en", "English."
    PL = "pl", "Polish."


class SiteType(DocumentedEnum):
    """What kind of website published the article, as far as the evidence allows."""

    CONTENT_FARM = "content_farm", (
        "A site that republishes or machine-translates health texts in bulk, with no visible editorial staff."
    )
    NEWS_AGGREGATOR = "news_aggregator", (
        "A site styled as health news that reposts or rewords texts found elsewhere."
    )
    SEO_BACKLINK_ARTICLE = "seo_backlink_article", (
        "A keyword-stuffed text written to promote a service or to carry links, usually run through a synonym spinner."
    )
    USER_GENERATED_WIKI = "user_generated_wiki", (
        "A page on an open wiki or link-farm platform where anyone can post articles."
    )
    HEALTH_BLOG = "health_blog", "A blog about health topics in general, run by a person or a small publisher."
    UNKNOWN = "unknown", "The publishing site could not be identified."


class SiteTypeBasis(DocumentedEnum):
    """How the site type was established."""

    OBSERVED = "observed", "Seen on the publishing site itself (about page, imprint, page template)."
    INFERRED = "inferred", "Inferred from the text and from copies of it found elsewhere; not stated by the site."


class BoilerplateKind(DocumentedEnum):
    """Kinds of page chrome captured together with the article text."""

    COMMENT_FORM = "comment_form", "A reply or comment form and its instructions."
    SHARE_WIDGET = "share_widget", "A share counter or social sharing buttons."
    RELATED_POSTS = "related_posts", "Teasers of other posts of the same site, with their links."
    PAGE_TEMPLATE = "page_template", "Labels of the page template, such as a page-type tag or a report link."


class RelationType(DocumentedEnum):
    """How an article relates to another text, inside or outside the corpus."""

    TRANSLATION_OF = "translation_of", "This article is a translation of the target text."
    REWORDED_COPY_OF = "reworded_copy_of", (
        "This article restates the target text sentence by sentence in other words (paraphrase, spinning or back-translation)."
    )
    SHARES_SOURCE_WITH = "shares_source_with", (
        "This article and the target derive from one common original; neither is known to be copied from the other."
    )


class TextQualityFlag(DocumentedEnum):
    """Defects of an article's text that matter to readers and to models trained on it."""

    SPUN_TEXT = "spun_text", (
        "Words replaced by inapt synonyms by an article spinner, e.g. 'ache' for pain or 'melancholy' for depression."
    )
    MACHINE_TRANSLATION_ARTEFACT = "machine_translation_artefact", (
        "Word order, agreement or idiom that shows the text was translated by machine."
    )
    UNTRANSLATED_FRAGMENT = "untranslated_fragment", "A passage left in another language than the article's."
    MISSPELLING = "misspelling", "A misspelled word, including a misspelled medical term."
    WHITESPACE_ARTEFACT = "whitespace_artefact", (
        "Invisible or irregular spacing, such as non-breaking spaces between sentences."
    )
    MISSING_PUNCTUATION = "missing_punctuation", "A sentence boundary without its full stop or similar."


class ClaimType(DocumentedEnum):
    """What a claim asserts about ketamine therapy or about a condition."""

    EFFICACY = "efficacy", "That ketamine relieves, treats, improves or cures a condition or symptom, or how well it does so."
    MECHANISM = "mechanism", "How ketamine acts in the body or brain to produce its effect."
    ONSET = "onset", "How fast the effect of ketamine appears."
    DURATION = "duration", "How long the effect of ketamine lasts, or whether it must be repeated to last."
    ELIGIBILITY = "eligibility", "For whom ketamine therapy is meant, suitable or unsuitable."
    SAFETY = "safety", "Harms, side effects, risks of dependence, or the safety of ketamine therapy."
    ADMINISTRATION = "administration", "How, where, how often or at what dose ketamine is given, and what the session is like."
    CONDITION = "condition", "A statement about a condition itself: its causes, course, symptoms or usual treatments."
    BACKGROUND = "background", (
        "A statement about ketamine's history, regulatory status, uses outside the claim's indication, or the state of research."
    )


class Certainty(DocumentedEnum):
    """How firmly the article commits to a claim, judged from its wording alone."""

    ASSERTED = "asserted", "Stated as plain fact, with no hedge, or with a booster such as 'definitely' or 'excellent'."
    QUALIFIED = "qualified", (
        "Asserted for part of the cases only, by a frequency or scope qualifier such as 'often', 'many patients', 'generally'."
    )
    POSSIBLE = "possible", (
        "Presented as a possibility or expectation: 'may', 'can', 'could', 'seems', 'potentially', 'promising', 'is believed'."
    )


class EvidenceCited(DocumentedEnum):
    """What support the article itself offers for a claim."""

    NONE = "none", "No source or evidence is invoked for the claim."
    VAGUE = "vague", "An unnamed authority is invoked: 'studies show', 'research indicates', 'patients report'."
    DESCRIBED = "described", (
        "A specific study, review or body is described (its kind, result or sponsor) but not identified by a reference or link."
    )
    REFERENCED = "referenced", "A source is identified by a reference, link, DOI, PMID or trial registration."


class Verdict(DocumentedEnum):
    """What the literature says of a claim as worded, as of the evidence date (guidelines 2.0, section 5).

    The first four members form an ordered scale, from the literature against the claim to the
    literature for it; `not_assessable` stands outside the scale.
    """

    CONTRADICTED = "contradicted", (
        "The best evidence points the other way: no effect found, advised against, or documented harm where safety is claimed."
    )
    INSUFFICIENT_EVIDENCE = "insufficient_evidence", (
        "The literature was searched and does not settle the claim; insufficient_evidence_reason says why."
    )
    PARTIALLY_SUPPORTED = "partially_supported", (
        "True in part: the claim overstates the evidence, generalises beyond it, or omits a caveat the evidence requires."
    )
    SUPPORTED = "supported", "The best evidence agrees with the claim as worded, hedges included."
    NOT_ASSESSABLE = "not_assessable", (
        "Not a checkable health statement: a subjective experience, a prediction, or too vague to test."
    )


#: The verdicts that form the ordered scale, from against to for, for ordinal measures.
VERDICT_SCALE = (Verdict.CONTRADICTED, Verdict.INSUFFICIENT_EVIDENCE, Verdict.PARTIALLY_SUPPORTED, Verdict.SUPPORTED)


class InsufficientEvidenceReason(DocumentedEnum):
    """Why the literature does not settle a claim whose verdict is insufficient_evidence."""

    NOT_STUDIED_IN_HUMANS = "not_studied_in_humans", "No study in humans bears on the claim."
    ANIMAL_OR_MECHANISTIC_ONLY = "animal_or_mechanistic_only", (
        "Only animal, cell or mechanistic work, or a hypothesis, bears on the claim."
    )
    CONFLICTING_RESULTS = "conflicting_results", "Studies of comparable quality point in different directions."
    TOO_FEW_OR_SMALL_STUDIES = "too_few_or_small_studies", (
        "Human studies point one way but are too few, too small or too biased to settle the claim."
    )
    OUTCOME_NOT_MEASURED = "outcome_not_measured", (
        "Studies exist, but none measured the claimed outcome or time point."
    )


class EvidenceCertainty(DocumentedEnum):
    """How confident one can be that the truth is as the verdict says, in the sense of GRADE."""

    HIGH = "high", "Further research is very unlikely to change the verdict."
    MODERATE = "moderate", "Further research may change the picture, but the verdict is likely to hold."
    LOW = "low", "Further research is likely to change the picture; the verdict rests on limited evidence."
    VERY_LOW = "very_low", "The verdict rests on very uncertain evidence."


class EvidenceBasis(DocumentedEnum):
    """The strongest kind of source a verdict rests on."""

    GUIDELINE = "guideline", "A clinical guideline or consensus statement."
    SYSTEMATIC_REVIEW = "systematic_review", "A systematic review or meta-analysis."
    RANDOMISED_TRIAL = "randomised_trial", "A randomised controlled trial."
    OBSERVATIONAL_STUDY = "observational_study", "A cohort, case-control, cross-sectional or open-label study."
    CASE_SERIES_OR_REPORT = "case_series_or_report", "A case series or case report."
    MECHANISTIC_OR_ANIMAL = "mechanistic_or_animal", "Animal, cell or mechanistic research."
    REFERENCE_WORK = "reference_work", "A textbook, a health body's fact sheet, a drug label or a narrative review."


class SourceStance(DocumentedEnum):
    """How one cited source bears on a claim."""

    SUPPORTS = "supports", "The source's findings agree with the claim."
    REFUTES = "refutes", "The source's findings go against the claim."
    CONTEXT = "context", "The source bears on the claim without deciding it: a gap, a caveat, a neighbouring finding."


class SearchCorpus(DocumentedEnum):
    """Which stored collection a literature search ran against."""

    PAGES = "pages", "Stored public web pages: PubMed, PMC, Cochrane, publishers, guideline and registry pages."
    DOCS = "docs", "Stored documentation pages and registries."


class ConditionCategory(DocumentedEnum):
    """Broad class of a condition concept."""

    PAIN_CONDITION = "pain_condition", "A chronic or recurrent pain condition, or pain as a symptom to be treated."
    MENTAL_HEALTH_CONDITION = "mental_health_condition", "A psychiatric or psychological disorder or symptom."
    OTHER_MEDICAL_CONDITION = "other_medical_condition", "A disease or injury that is neither primarily pain nor mental health."
    SYMPTOM = "symptom", "A symptom or complaint named on its own rather than as a diagnosis."
    TREATMENT_HARM = "treatment_harm", "A harm caused by ketamine itself, such as ketamine-associated cystitis."


class MentionForm(DocumentedEnum):
    """How a condition is named at one place in the text."""

    NAME = "name", "The condition's name, in any language, including inflected forms."
    ABBREVIATION = "abbreviation", "A short form: 'fibro', 'CRPS', 'PTSD'."
    MISSPELLING = "misspelling", "A misspelled name, such as 'fibromyitis'."
    REFERENCE = "reference", "A reference back to a condition named before: 'the disorder', 'el trastorno'."
    SPUN_SYNONYM = "spun_synonym", "A word substituted by an article spinner: 'melancholy' for depression, 'ache' for pain."


class DiscernItem(DocumentedEnum):
    """The sixteen DISCERN questions (Charnock et al. 1999), paraphrased."""

    Q1 = "DISCERN_Q1", "The publication states what it sets out to do."
    Q2 = "DISCERN_Q2", "The publication does what it set out to do."
    Q3 = "DISCERN_Q3", "The content matters to the readers it addresses."
    Q4 = "DISCERN_Q4", "The sources behind the content, beyond the author, are named."
    Q5 = "DISCERN_Q5", "The date of the information used or reported is given."
    Q6 = "DISCERN_Q6", "The text is balanced and free of bias."
    Q7 = "DISCERN_Q7", "The text points to further sources of help and information."
    Q8 = "DISCERN_Q8", "The text admits what is uncertain or unknown."
    Q9 = "DISCERN_Q9", "The text explains how each treatment works."
    Q10 = "DISCERN_Q10", "The text describes the benefits of each treatment."
    Q11 = "DISCERN_Q11", "The text describes the risks of each treatment."
    Q12 = "DISCERN_Q12", "The text says what would happen without treatment."
    Q13 = "DISCERN_Q13", "The text says how treatment choices affect overall quality of life."
    Q14 = "DISCERN_Q14", "The text makes clear that more than one treatment choice may exist."
    Q15 = "DISCERN_Q15", "The text supports shared decision-making."
    Q16 = "DISCERN_Q16", "Overall quality as a source of information on treatment choices (1 = low, 5 = high)."


class JamaCriterion(DocumentedEnum):
    """The four JAMA benchmark criteria (Silberg, Lundberg & Musacchio 1997), paraphrased."""

    AUTHORSHIP = "JAMA_authorship", "Authors are named, with their affiliations and credentials."
    ATTRIBUTION = "JAMA_attribution", "References and sources for the content are listed, with copyright information."
    DISCLOSURE = "JAMA_disclosure", "Ownership of the site, sponsorship, advertising and conflicts of interest are disclosed."
    CURRENCY = "JAMA_currency", "The dates of posting and of updates are shown."


class ReferenceKind(DocumentedEnum):
    """What kind of source a bibliography entry is."""

    TRIAL = "trial", "A report of a randomised or controlled trial."
    SYSTEMATIC_REVIEW = "systematic_review", "A systematic review or meta-analysis."
    GUIDELINE = "guideline", "A clinical guideline or consensus statement."
    REGULATORY = "regulatory", "A regulator's decision or an official product label."
    OBSERVATIONAL = "observational", "A case series, cohort or other observational study."
    REVIEW = "review", "A narrative review."
    TRIAL_REGISTRATION = "trial_registration", "A record in a trial registry."
    PUBLIC_INFORMATION = "public_information", "A fact sheet or information page of a health body, for the public."
