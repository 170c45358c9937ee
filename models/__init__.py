"""peewee models only: tables, fields, indexes, constraints, tiny derived properties.

Nothing here imports `gamma`, `screens`, `printers`, `devices` or Textual.
"""

from models.base import BaseModel, VersionedModel, database
from models.company import Company, CompanyModel
from models.operator import Group, Membership, Operator
from models.grants import CompanyAccess, DocumentRight, FieldRule, FunctionGrant
from models.audit import AuditEntry
from models.session import RecordLock, Session
from models.preset import Preset
from models.numbering import NumberCounter
from models.terminal import Draft, Favourite, MaskLayout, OperatorKey
from models.tables import (Agent, Bank, Country, Currency, Depot, ExchangeRate, PaymentTerm,
                           RecordLayout, StockReason, TableEntry, Unit, VatCode)
from models.party import Destination, Party
from models.article import (Article, ArticleLink, ArticlePrice, ArticleText, Barcode,
                            PartyArticleCode)
from models.document import Document, DocumentLine, DocumentVat
from models.lot import Lot, Serial
from models.stock import StockBalance, StockMovement
from models.kit import KitComponent, MixMatch
from models.inventory import StockClose, StockCount, StockCountLine
from models.instalment import Instalment
from models.pricing import ChargeRule, LastPrice, PriceRule
from models.einvoice import EInvoiceEvent, EInvoiceFile
from models.reorder import ReorderLine, ReorderProposal
from models.preorder import PreOrder
from models.schedule import DeliverySchedule
from models.recurring import RecurringLine, RecurringRun, RecurringTemplate
from models.contract import (Contract, ContractItem, PeriodicLine, PeriodicMovement,
                             PeriodicRun)
from models.stats import StatMovement
from models.stored_stats import BatchLock, StoredStatistic, StoredStatRow
from models.received_invoice import (ReceivedAttachment, ReceivedInvoice, ReceivedLine,
                                     ReceivedPayment, ReceivedVat)

ALL_MODELS = [
    Company, Operator, Group, Membership, CompanyAccess, FunctionGrant, DocumentRight,
    FieldRule, AuditEntry, Session, RecordLock, Preset, NumberCounter,
    OperatorKey, Draft, Favourite, MaskLayout,
    VatCode, PaymentTerm, Unit, Depot, StockReason, Agent, Bank, Currency, ExchangeRate,
    Country, TableEntry, Party, Destination, Article, ArticleText, ArticlePrice, Barcode,
    PartyArticleCode, ArticleLink, RecordLayout,
    Document, DocumentLine, DocumentVat, StockMovement, StockBalance, Instalment,
    StockCount, StockCountLine, StockClose,
    PriceRule, LastPrice, ChargeRule,
    ReceivedInvoice, ReceivedLine, ReceivedVat, ReceivedPayment, ReceivedAttachment,
    EInvoiceFile, EInvoiceEvent,
    KitComponent, MixMatch,
    Lot, Serial,
    ReorderProposal, ReorderLine, PreOrder, DeliverySchedule,
    RecurringTemplate, RecurringLine, RecurringRun,
    Contract, ContractItem, PeriodicRun, PeriodicMovement, PeriodicLine,
    StatMovement,
    StoredStatistic, StoredStatRow, BatchLock,
]

__all__ = [m.__name__ for m in ALL_MODELS] + [
    "ALL_MODELS", "BaseModel", "CompanyModel", "VersionedModel", "database"]
