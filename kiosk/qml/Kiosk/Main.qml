pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The kiosk's one window. Everything it shows comes from `session` and its models;
// every decision is made in Python. `report` tells Python what only the layout knows.
Window {
    id: root
    required property VisitorSession session
    required property AdminGate admin
    required property ScreenReport report
    required property Listening listening
    required property ScreenBody body
    required property SpokenMode spoken
    required property OriginMap originMap

    readonly property bool landscape: width >= height
    readonly property bool empty: session.total === 0
    // Nothing sliding and the current photo drawn: what snapshots and tests wait for.
    readonly property bool settled: empty || (!carousel.moving && carousel.currentPage !== null
                                              && carousel.currentPage.settled
                                              && (closeUp.item === null || (closeUp.item as CloseUp).settled))

    color: Theme.background
    title: session.title
    // A collection that empties and fills again builds its first pages in steps again.
    onEmptyChanged: if (empty) carousel.reach = 0
    // So do the pages of a cycle the visitor's filters change.
    Connections {
        target: root.session
        function onRefiltering() { carousel.reach = 0 }
    }

    Binding {
        target: Theme
        property: "unit"
        // Landscape: sizes follow the height. Portrait: the width limits them, so that
        // a line of testimony still holds enough words.
        value: root.landscape ? root.height / 100 : Math.min(root.height / 100, root.width / 64)
    }
    Binding { target: Theme; property: "landscape"; value: root.landscape }
    Binding { target: root.body; property: "windowSize"; value: Qt.size(root.width, root.height) }
    Binding { target: Theme; property: "pxPerMm"; value: root.body.pxPerMm }
    Binding { target: Theme; property: "reachTop"; value: root.body.reachTop }
    Binding { target: Theme; property: "reachBottom"; value: root.body.reachBottom }
    Binding { target: Theme; property: "textFloor"; value: root.body.textPx }
    Binding { target: Theme; property: "targetFloor"; value: root.body.targetPx }
    Binding { target: Theme; property: "gapFloor"; value: root.body.gapPx }
    Binding { target: Theme; property: "largeText"; value: root.session.largeText }
    Binding { target: Theme; property: "contrast"; value: root.session.highContrast }
    // A page's size and the unit: Python plans each photo's place from them (kiosk.layout)
    // and has the photo prepared at the box it gets. From the window's own width, which
    // is known before the window is shown (its items' are not), when the first photos
    // are asked for.
    Binding { target: root.report; property: "pageSize"; value: Qt.size(root.width, carousel.height) }
    Binding { target: root.report; property: "unit"; value: Theme.unit }
    Binding { target: root.report; property: "settled"; value: root.settled }

    Item {
        id: content
        anchors.fill: parent
        focus: true
        Keys.onLeftPressed: root.session.previous()
        Keys.onRightPressed: root.session.next()
        Keys.onEscapePressed: root.session.closePanel()

        // Across the top of a tall screen; on a wide one each page has it above its words.
        TitleBar {
            id: titleBar
            objectName: "titleBar"
            visible: !root.empty && !root.landscape
            width: parent.width
            height: implicitHeight
            title: root.session.title
            position: (root.session.currentIndex + 1) + " / " + root.session.count
            spokenLabel: root.session.labels.spokenMode ?? ""
            speaking: root.spoken.active
        }

        // Low on the screen, and never below the reach band's lower edge (a screen
        // mounted very low keeps its controls up where a hand reaches).
        VisitorBar {
            id: bar
            objectName: "visitorBar"
            visible: !root.empty
            width: parent.width
            height: implicitHeight
            y: Math.min(root.height, Theme.reachBottom) - height
            session: root.session
        }

        PathView {
            id: carousel
            objectName: "carousel"
            readonly property PortraitPage currentPage: currentItem as PortraitPage
            visible: !root.empty
            // Not from whether the title shows: the page's size must not change when the
            // first portraits arrive (each photo is prepared for the page's size).
            y: root.landscape ? 0 : titleBar.height
            width: parent.width
            height: bar.y - y
            model: root.session.cycle
            interactive: root.session.count > 1
            // When the first portraits arrive, the page on screen is built alone, then its
            // neighbours, then the pages beyond, a pass each: built together, five pages
            // held the screen's thread for 30 ms (kiosk bench: gui_stall_ms).
            property int reach: 0  // 0: the page on screen; 1: its neighbours; 2: the pages beyond
            pathItemCount: reach > 0 ? Math.min(3, Math.max(1, root.session.count)) : 1
            // The pages after the neighbours are built ahead, while the visitor reads, so
            // that a swipe only draws (kiosk bench: swipe_ms).
            cacheItemCount: reach > 1 ? 2 : 0
            Timer {
                interval: 50  // a frame or two: the page on screen is drawn in between
                repeat: true
                running: !root.empty && carousel.reach < 2
                onTriggered: carousel.reach += 1
            }
            preferredHighlightBegin: 0.5
            preferredHighlightEnd: 0.5
            highlightRangeMode: PathView.StrictlyEnforceRange
            snapMode: PathView.SnapOneItem
            highlightMoveDuration: root.session.transitionMs
            maximumFlickVelocity: width * 3
            // The current page sits in the middle of a path `pathItemCount` pages long.
            path: Path {
                startX: carousel.width / 2 - carousel.pathItemCount * carousel.width / 2
                startY: carousel.height / 2
                PathLine {
                    x: carousel.width / 2 + carousel.pathItemCount * carousel.width / 2
                    y: carousel.height / 2
                }
            }
            delegate: PortraitPage {
                report: root.report
                listening: root.listening
                width: carousel.width
                height: carousel.height
                labels: root.session.labels
                title: root.session.title
                speaking: root.spoken.active
                count: root.session.count
                onPhotoOpened: root.session.openPanel("photo")
                // Without transitions (snapshots, tests, the bench) photos appear at once too.
                fadeMs: root.session.transitionMs > 0 ? Theme.photoFadeMs : 0
            }
            currentIndex: root.session.currentIndex
            onMovementEnded: root.session.goTo(currentIndex)
        }

        // Panels exist only while open: hidden, they would rebuild their chips and
        // thumbnails on every change of the collection.
        Loader {
            anchors.fill: parent
            active: root.session.panel === "origin"
            sourceComponent: FilterPanel {
                objectName: "originPanel"
                session: root.session
                values: root.session.origins
                facet: "origin"
                heading: root.session.labels.chooseOrigin
            }
        }
        Loader {
            anchors.fill: parent
            active: root.session.panel === "profession"
            sourceComponent: FilterPanel {
                objectName: "professionPanel"
                session: root.session
                values: root.session.professions
                facet: "profession"
                heading: root.session.labels.chooseProfession
            }
        }
        Loader {
            anchors.fill: parent
            active: root.session.panel === "overview"
            sourceComponent: OverviewPanel {
                objectName: "overviewPanel"
                session: root.session
                report: root.report
            }
        }

        Loader {
            anchors.fill: parent
            active: root.session.panel === "map"
            sourceComponent: MapPanel {
                objectName: "mapPanel"
                session: root.session
                originMap: root.originMap
            }
        }

        Loader {
            id: closeUp
            anchors.fill: parent
            active: root.session.panel === "photo" && carousel.currentPage !== null
            sourceComponent: CloseUp {
                objectName: "closeUp"
                session: root.session
                report: root.report
                name: carousel.currentPage?.name ?? ""
                credit: carousel.currentPage?.credit ?? ""
                photoShape: carousel.currentPage?.photoShape ?? 0
                pageUrl: carousel.currentPage?.photoUrl ?? ""
            }
        }

        EmptyView {
            objectName: "emptyView"
            anchors.fill: parent
            visible: root.empty
            session: root.session
        }

        StillThere {
            anchors.fill: parent
            session: root.session
        }

        AdminLayer {
            objectName: "adminLayer"
            anchors.fill: parent
            admin: root.admin
            listening: root.listening
        }
    }
}
