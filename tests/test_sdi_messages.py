"""SDI messages read from their XML and from the PEC e-mails that carry them."""

from __future__ import annotations

import pytest

from gamma.einvoice import sdi_messages
from gamma.errors import GammaError
from tests.shared_data import SDI

NS = b"""<?xml version="1.0" encoding="UTF-8"?>
<ns3:RicevutaScarto xmlns:ns3="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fattura/messaggi/v1.0" versione="1.0">
  <IdentificativoSdI>111</IdentificativoSdI>
  <NomeFile>IT01234567890_00001.xml</NomeFile>
  <DataOraRicezione>2026-03-10T10:00:00.000+01:00</DataOraRicezione>
  <ListaErrori>
    <Errore><Codice>00305</Codice><Descrizione>1.4.1.1.2 IdCodice non valido</Descrizione>
      <Suggerimento>Verificare la partita IVA del cessionario</Suggerimento></Errore>
    <Errore><Codice>00423</Codice><Descrizione>2.2.1.11 PrezzoTotale non calcolato</Descrizione></Errore>
  </ListaErrori>
  <MessageId>42</MessageId>
</ns3:RicevutaScarto>"""
NE = b"""<?xml version="1.0" encoding="UTF-8"?>
<ns3:NotificaEsito xmlns:ns3="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fattura/messaggi/v1.0" versione="1.0">
  <IdentificativoSdI>222</IdentificativoSdI><NomeFile>IT01234567890_00002.xml</NomeFile>
  <EsitoCommittente><IdentificativoFattura><NumeroFattura>7</NumeroFattura>
  <AnnoFattura>2026</AnnoFattura></IdentificativoFattura><Esito>EC02</Esito>
  <Descrizione>Importo non conforme all'ordine</Descrizione></EsitoCommittente>
  <MessageId>43</MessageId>
</ns3:NotificaEsito>"""


def test_a_delivery_receipt_is_read_from_the_pec_mail_that_carries_it():
    [message] = sdi_messages.read(SDI / "pec-ricevuta-consegna.eml")
    assert (message.kind, message.sdi_id, message.file_name) == (
        "RC", "6782414", "IT03339130126_00009.xml")
    assert message.delivered_at.startswith("2018-11-13T16:47:32")
    assert message.summary() == "Ricevuta di consegna (SdI 6782414)"


def test_the_mail_carrying_a_received_invoice_gives_its_metadata():
    [message] = sdi_messages.read(SDI / "pec-invio-file.eml")
    assert (message.kind, message.sdi_id, message.file_name) == (
        "MT", "7339338", "IT02652600210_00007.xml")


def test_a_rejection_carries_sdi_error_codes_and_a_pa_outcome_its_text(tmp_path):
    (tmp_path / "IT01234567890_00001_NS_001.xml").write_bytes(NS)
    (tmp_path / "IT01234567890_00002_NE_001.xml").write_bytes(NE)
    rejected, outcome = sdi_messages.read_all([tmp_path])
    assert (rejected.kind, rejected.file_name) == ("NS", "IT01234567890_00001.xml")
    assert [(e.code, e.suggestion) for e in rejected.errors] == [
        ("00305", "Verificare la partita IVA del cessionario"), ("00423", "")]
    assert rejected.summary() == ("Scarto (SdI 111): 00305 1.4.1.1.2 IdCodice non valido; "
                                  "00423 2.2.1.11 PrezzoTotale non calcolato")
    assert (outcome.kind, outcome.outcome, outcome.description) == (
        "NE", "EC02", "Importo non conforme all'ordine")


def test_what_is_not_an_sdi_message_is_refused_naming_the_file(tmp_path):
    bad = tmp_path / "altro.xml"
    bad.write_bytes(b"<Fattura/>")
    with pytest.raises(GammaError, match="altro.xml: non è un messaggio dello SdI"):
        sdi_messages.read(bad)
    broken = tmp_path / "rotto.xml"
    broken.write_bytes(b"<ns3:RicevutaScarto")
    with pytest.raises(GammaError, match="rotto.xml: XML non leggibile"):
        sdi_messages.read(broken)
