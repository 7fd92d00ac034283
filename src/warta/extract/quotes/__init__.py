"""Quotes and who said them: direct, partial and indirect speech with linked speakers.

Runs after ``warta_linker`` as the spaCy component ``warta_quotes`` and sets ``doc._.quotes``. It
needs only the text, the sentences and ``doc._.entities`` (no tags or parse: the fast profile has
none). The words it looks for are data (``warta/data/quotes.toml``, read by ``_lexicon``). In order
(``_find.find_quotes``):

1. Quotation marks are paired paragraph by paragraph (" “ ” « » and ‘ ’ or ' when they are not
   apostrophes). A paragraph that leaves a quote open continues it into the next paragraph when
   that one opens with a quotation mark (the journalistic convention): one quote over both
   (``_text``).
2. Each quoted span is judged by its surroundings (``_quoted``):
   * a cue after it (`"…," kata X`, `"…," ujarnya`, `"…," X menambahkan`) or a reporting clause
     before it (`X mengatakan, "…"`, `Kata X: "…"`) makes it a quote of X: ``direct`` when it
     fills its sentence, ``partial`` when it sits inside running text (`menyebut Korut sebagai
     "negara nuklir besar"`);
   * a quote that opens a sentence with no cue of its own continues the previous speaker (`"A,"
     kata X. "B."` is two quotes of X), or takes the speaker of a following `Hal itu disampaikan X`;
   * any other quoted phrase (a name, title, nickname, slogan, scare quote) is not a quote, and
     neither is one after a title word (`julukan "Macan Kertas"`, `film "…"`).
3. Indirect speech without quotation marks: `X mengatakan (bahwa) …`, `Menurut X, …`, `…, kata X.`
   (also `Namun, kata X, …`), and a plain statement followed by a sentence opening `Hal itu
   disampaikan X` or `Demikian dikatakan X`. The quote is the reported content only, and one is kept only when
   its speaker is found, so unsure sentences give nothing (``_indirect``). After a weak verb with no
   "bahwa", comma or colon ("menyebut pihaknya sudah …" against "menyampaikan surat …"), a model
   learned from annotated news decides whether what follows is what was said (``_complement``).
4. Speakers, in document order (see ``_resolve._antecedent`` for pronouns): a person, organisation
   or place (in that preference) from the entities in the speaker phrase (``_speakers``); a
   pronoun or a -nya cue for the nearest earlier speaker; a description ("seorang pejabat Gedung
   Putih") kept with its organisation, which a later "pejabat tersebut" points back to
   (``_resolve``).
5. Sources the article cites for a quote (`seperti dilansir Reuters`, `mengutip NK News`) become
   ``via``; an audience (`kepada wartawan`) becomes ``to`` (``_sources``).

Importing this package registers the spaCy component ``warta_quotes`` (``_component``) and the Doc
extension ``quotes``.
"""

from warta.extract.quotes._component import QuoteFinder
from warta.extract.quotes._find import find_quotes

__all__ = ["find_quotes", "QuoteFinder"]
