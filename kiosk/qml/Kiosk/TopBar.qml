pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The exhibition's title and what visitors can do: filter, see all, change language.
// Landscape: one row. Portrait: title and languages above, the other buttons below.
Rectangle {
    id: bar
    required property VisitorSession session
    readonly property bool landscape: Theme.landscape

    readonly property real rowHeight: Theme.unit * 9.5
    color: Theme.background
    implicitHeight: landscape ? rowHeight : rowHeight + Theme.touchSize + Theme.unit * 2.5

    Text {
        id: title
        x: Theme.unit * 3.5
        y: (bar.rowHeight - height) / 2
        width: (bar.landscape ? actions.x : languages.x) - x - Theme.unit * 3
        text: bar.session.title
        textFormat: Text.PlainText
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
        font.family: Theme.sansStrong
        font.pixelSize: Theme.titleSize
        color: Theme.text
    }

    Row {
        id: actions
        spacing: Theme.unit * 1.2
        x: bar.landscape ? languages.x - width - Theme.unit * 2.4 : Theme.unit * 3.5
        y: bar.landscape ? (bar.rowHeight - height) / 2 : bar.rowHeight

        PillButton {
            objectName: "originButton"
            text: bar.session.originLabel !== "" ? bar.session.originLabel : bar.session.labels.origin
            active: bar.session.originLabel !== ""
            onTapped: bar.session.openPanel("origin")
        }
        PillButton {
            objectName: "professionButton"
            text: bar.session.professionLabel !== "" ? bar.session.professionLabel : bar.session.labels.profession
            active: bar.session.professionLabel !== ""
            onTapped: bar.session.openPanel("profession")
        }
        PillButton {
            objectName: "clearButton"
            visible: bar.session.filtered
            text: "✕  " + bar.session.labels.all
            onTapped: bar.session.clearFilters()
        }
        PillButton {
            objectName: "overviewButton"
            visible: !bar.session.filtered || bar.landscape
            text: bar.session.labels.overview
            onTapped: bar.session.openPanel("overview")
        }
    }

    Row {
        id: languages
        objectName: "languageSwitch"
        spacing: Theme.unit * 0.4
        x: bar.width - width - Theme.unit * 3
        y: (bar.rowHeight - height) / 2
        Repeater {
            model: bar.session.languages
            PillButton {
                required property string modelData
                objectName: "language_" + modelData
                implicitWidth: Theme.touchSize * 1.25
                text: modelData.toUpperCase()
                active: bar.session.language === modelData
                onTapped: bar.session.setLanguage(modelData)
            }
        }
    }
}
