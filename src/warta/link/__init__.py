"""Entity linking: warta's knowledge base of countries, places, organisations and people."""

from warta.link.kb import Entity, KnowledgeBase, normalize_alias, strip_alias

__all__ = ["Entity", "KnowledgeBase", "normalize_alias", "strip_alias"]
