"""243 agents' pro-forma commission statements: period, agents and other amounts on
top; F10 shows each agent's documents, commission and what is due under the mask, and
writes the PDF when a file is named."""

from __future__ import annotations

from pathlib import Path

from gamma import functions
from gamma.contracts import agent_proforma, periodic_forms
from screens.registry import opens
from screens.stock.query import StockQuery


@opens(functions.AGENT_PROFORMA)
class AgentProforma(StockQuery):
    FORM = periodic_forms.AGENTS

    def lines(self, values: dict) -> list[str]:
        found = agent_proforma.statements(
            self.ctx, values["date_from"], values["date_to"],
            periodic_forms.codes(values.get("agents")),
            periodic_forms.parse_extras(values.get("extras") or ""))
        out = periodic_forms.agent_lines(found)
        if values.get("pdf"):
            path = Path(values["pdf"]).expanduser()
            path.write_bytes(agent_proforma.render_pdf(self.ctx, found, values["date_from"],
                                                       values["date_to"]))
            out = [f"Scritto {path}"] + out
        return out
