"""MLCommons Croissant 1.1 metadata of a release, generated from the models in schema/."""

from __future__ import annotations

from ketamine_claims.presenting.schema_export import croissant_field, field_specs
from ketamine_claims.release_layout import data_files_pattern
from schema import CONFIGS

#: The JSON-LD context Croissant 1.1 readers expect inline (mlcroissant never fetches a remote one).
CONTEXT = {
    "@language": "en", "@vocab": "https://schema.org/", "citeAs": "cr:citeAs", "column": "cr:column",
    "conformsTo": "dct:conformsTo", "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/", "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract", "field": "cr:field", "fileProperty": "cr:fileProperty", "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet", "format": "cr:format", "includes": "cr:includes", "isArray": "cr:isArray",
    "arrayShape": "cr:arrayShape", "isLiveDataset": "cr:isLiveDataset", "jsonPath": "cr:jsonPath",
    "key": "cr:key", "md5": "cr:md5", "parentField": "cr:parentField", "path": "cr:path",
    "recordSet": "cr:recordSet", "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated",
    "replace": "cr:replace", "sc": "https://schema.org/", "separator": "cr:separator", "source": "cr:source",
    "subField": "cr:subField", "transform": "cr:transform",
}
_KEYS = {"articles": "article_id", "claims": "claim_id", "conditions": "condition_id", "mentions": "mention_id"}
_REFERENCES = {("claims", "article_id"): "articles/article_id", ("mentions", "article_id"): "articles/article_id",
               ("mentions", "condition_id"): "conditions/condition_id"}


def croissant(version: str, description: str, license_url: str, cite_as: str, date_published: str | None) -> dict:
    """The croissant.json document of one release."""
    distribution, record_sets = [], []
    for config, model in CONFIGS.items():
        file_set = f"{config}-files"
        distribution.append({"@type": "cr:FileSet", "@id": file_set, "name": file_set,
                             "encodingFormat": "application/x-parquet", "includes": data_files_pattern(config)})
        fields = []
        for spec in field_specs(model):
            node = croissant_field(spec, config, file_set)
            if (config, spec.name) in _REFERENCES:
                node["references"] = {"field": {"@id": _REFERENCES[(config, spec.name)]}}
            fields.append(node)
        record_sets.append({"@type": "cr:RecordSet", "@id": config, "name": config,
                            "description": (model.__doc__ or "").strip(),
                            "key": {"@id": f"{config}/{_KEYS[config]}"}, "field": fields})
    dataset = {
        "@context": CONTEXT, "@type": "sc:Dataset", "conformsTo": "http://mlcommons.org/croissant/1.1",
        "name": "ketamine-web-claims", "description": description, "version": version,
        "license": license_url,
        "citeAs": cite_as, "datePublished": date_published, "inLanguage": ["es", "en", "pl"],
        "distribution": distribution, "recordSet": record_sets,
    }
    if date_published is None:  # a preview has not been published
        del dataset["datePublished"]
    return dataset
